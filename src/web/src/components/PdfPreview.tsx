import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { Loading } from './Loading';
import { apiFetch } from '../api/client';
import { errorMessage } from '../api/errors';

type PdfDocument = import('pdfjs-dist').PDFDocumentProxy;

/**
 * pdf.js and its worker load only when a preview is opened (this module is itself a lazy chunk).
 * The bytes are fetched with the bearer token and handed to pdf.js as data: the download route's
 * sandboxing CSP applies to navigations, not to this.
 */
async function loadPdf(url: string): Promise<PdfDocument> {
  const [pdfjs, worker, bytes] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
    apiFetch(url).then((r) => r.arrayBuffer()),
  ]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
}

export default function PdfPreview({ url, title }: { url: string; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PdfDocument | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let loaded: PdfDocument | null = null;
    setDoc(null);
    setPage(1);
    loadPdf(url).then(
      (d) => {
        loaded = d;
        if (!cancelled) setDoc(d);
        else void d.destroy();
      },
      (err) =>
        !cancelled &&
        setError(
          err instanceof Error && err.name === 'ApiError' ? errorMessage(err) : 'Không hiển thị được tệp PDF này. Hãy tải tệp về để xem.',
        ),
    );
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let task: ReturnType<Awaited<ReturnType<PdfDocument['getPage']>>['render']> | null = null;
    let cancelled = false;
    setRendered(false);
    if (doc.numPages === 0) {
      setError('Tệp PDF này không có trang nào để xem trước.');
      return;
    }
    void doc.getPage(page).then(
      (p) => {
        if (cancelled || !canvas.current) return;
        const width = Math.min(canvas.current.parentElement?.clientWidth ?? 800, 900);
        const base = p.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = p.getViewport({ scale: (width / base.width) * ratio });
        const el = canvas.current;
        el.width = viewport.width;
        el.height = viewport.height;
        el.style.width = `${viewport.width / ratio}px`;
        task = p.render({ canvas: el, viewport });
        task.promise.then(
          () => !cancelled && setRendered(true),
          () => {},
        );
      },
      () => !cancelled && setError('Không hiển thị được trang này. Hãy tải tệp về để xem.'),
    );
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page]);

  if (error) return <Alert type="warning" showIcon message={error} />;
  return (
    <div>
      {!doc && <Loading label="Đang tải bản xem trước" />}
      {doc && (
        <Space style={{ marginBottom: 8 }}>
          <Button onClick={() => setPage((n) => Math.max(1, n - 1))} disabled={page <= 1}>
            Trang trước
          </Button>
          <Typography.Text aria-live="polite">
            Trang {page}/{doc.numPages}
          </Typography.Text>
          <Button onClick={() => setPage((n) => Math.min(doc.numPages, n + 1))} disabled={page >= doc.numPages}>
            Trang sau
          </Button>
        </Space>
      )}
      <canvas
        ref={canvas}
        className="pdf-canvas"
        role="img"
        aria-label={`Bản xem trước: ${title}, trang ${page}`}
        data-rendered={rendered ? 'true' : 'false'}
      />
    </div>
  );
}
