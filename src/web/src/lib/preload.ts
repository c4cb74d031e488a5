// Chunks fetched ahead of need, so the next screen does not wait for its code: the home page while
// the user types their password, the document view while they look at a list, and the PDF viewer
// (pdf.js, the largest chunk) only when they point at or focus a document row.
export const loadHome = () => import('../pages/Home');
export const loadDocumentView = () => import('../pages/DocumentView');

const whenIdle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 300));

export function preloadWhenIdle(load: () => Promise<unknown>): void {
  whenIdle(() => void load().catch(() => {}));
}

let pdfViewer: Promise<unknown> | undefined;
export function preloadPdfViewer(): void {
  pdfViewer ??= Promise.all([import('../components/PdfPreview'), import('pdfjs-dist')]).catch(() => (pdfViewer = undefined));
}
