import { ALLOWED_FILE_TYPES, fileExtension } from './file-type.js';

/**
 * File names of an issued document (pure; no I/O). A recipient files what it receives under its số/
 * ký hiệu, never under the drafter's name ("Dự thảo lần 3.pdf"), so issuing names every current file:
 *
 * - the document itself: the số/ký hiệu as printed (Decree 30/2020 Art. 15, Appendix I), with the
 *   `/` a file name cannot hold written `-`: 01/QĐ-UBND → `01-QĐ-UBND.pdf`, 12/2025/QĐ-UBND →
 *   `12-2025-QĐ-UBND.pdf`, 45/UBND-KTTH (a Công văn, whose notation has no type part) →
 *   `45-UBND-KTTH.pdf`. The type is already in the notation (its Appendix III abbreviation); the
 *   Vietnamese letters stay (Đ ≠ D: HĐ and HD are different types);
 * - its attachments: the same stem, then ` - Phụ lục ` and a Roman numeral in the order the drafter
 *   gave them (`01-QĐ-UBND - Phụ lục I.xlsx`): Appendix I numbers a document's appendices in Roman
 *   numerals. Always numbered, even when there is one: a file travels alone, and an update may add
 *   another later;
 * - the extension: the canonical one of the stored (sniffed) type, else the original name's.
 *
 * The name each file came with is kept (originalName) for the issuer; recipients get only the new one.
 */

/** Characters no file name may hold on common systems (Windows is the strictest). */
const UNSAFE = /[\\/:*?"<>|]/g;

/** The part of every file name of an issued document: its số/ký hiệu with `/` written `-`. */
export function issuedFileStem(number: string, notation: string): string {
  return `${number}/${notation}`.normalize('NFC').replace(UNSAFE, '-');
}

/** I, II, III, IV... (1 ≤ n < 4000). */
export function romanNumeral(n: number): string {
  const digits: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = n;
  let out = '';
  for (const [value, letters] of digits) {
    for (; rest >= value; rest -= value) out += letters;
  }
  return out;
}

/** `.ext` of a file from its stored type, else from its name; empty when neither says. */
function extensionOf(file: { contentType: string; name: string }): string {
  const ext = ALLOWED_FILE_TYPES.find((t) => t.mime === file.contentType)?.ext ?? fileExtension(file.name);
  return ext && /^[a-z0-9]{1,10}$/.test(ext) ? `.${ext}` : '';
}

/** The name of a file of an issued document: the main file, or the attachment at `position` (1-based). */
export function issuedFileName(
  stem: string,
  role: { kind: 'main' } | { kind: 'attachment'; position: number },
  file: { contentType: string; name: string },
): string {
  const base = role.kind === 'main' ? stem : `${stem} - Phụ lục ${romanNumeral(role.position)}`;
  return `${base}${extensionOf(file)}`;
}

/** A new version of a file of an issued document keeps that file's name, with its own extension. */
export function nextVersionName(previous: { name: string; contentType: string }, file: { contentType: string; name: string }): string {
  const previousExt = extensionOf(previous);
  const base = previousExt && previous.name.endsWith(previousExt) ? previous.name.slice(0, -previousExt.length) : previous.name;
  return `${base}${extensionOf(file)}`;
}

/** What issuing does to a document's files. */
export type IssuedFilesPlan = {
  /** Current files and their new names (`originalName`: the name before). */
  renames: { id: string; name: string; originalName: string }[];
  /** Current files that belong to an earlier draft version: retired, kept for the record. */
  superseded: string[];
};

export type PlanFile = {
  id: string;
  name: string;
  contentType: string;
  kind: string;
  previousFileId: string | null;
  createdAt: Date;
  supersededAt: Date | null;
};

/**
 * The renames and retirements issuing makes, from every file of the document:
 * - `retiredRootIds`: the files of the other draft versions (each a version chain's first file);
 *   their chains' current files are retired;
 * - `mainFileId`: the issued main file (the version carrying the signer's signature);
 * - `attachmentOrder`: the issued draft version's attachments in the drafter's order (chain roots);
 *   other current attachments follow in the order they were added.
 */
export function planIssuedFiles(
  files: readonly PlanFile[],
  {
    stem,
    mainFileId,
    attachmentOrder,
    retiredRootIds,
  }: { stem: string; mainFileId: string; attachmentOrder: readonly string[]; retiredRootIds: ReadonlySet<string> },
): IssuedFilesPlan {
  const byId = new Map(files.map((f) => [f.id, f]));
  const rootOf = (f: PlanFile): PlanFile => {
    let root = f;
    for (
      let prev = f.previousFileId ? byId.get(f.previousFileId) : undefined;
      prev;
      prev = prev.previousFileId ? byId.get(prev.previousFileId) : undefined
    )
      root = prev;
    return root;
  };
  const replaced = new Set(files.map((f) => f.previousFileId).filter((id): id is string => id !== null));
  const latest = files.filter((f) => !replaced.has(f.id) && f.supersededAt === null && (f.kind === 'main' || f.kind === 'attachment'));

  const superseded = latest.filter((f) => f.id !== mainFileId && retiredRootIds.has(rootOf(f).id)).map((f) => f.id);
  const current = latest.filter((f) => !superseded.includes(f.id));

  const renames: IssuedFilesPlan['renames'] = [];
  const main = current.find((f) => f.id === mainFileId);
  if (main) renames.push({ id: main.id, name: issuedFileName(stem, { kind: 'main' }, main), originalName: main.name });

  const rank = (f: PlanFile): number => {
    const i = attachmentOrder.indexOf(rootOf(f).id);
    return i < 0 ? attachmentOrder.length : i;
  };
  const attachments = current
    .filter((f) => f.kind === 'attachment')
    .sort((a, b) => rank(a) - rank(b) || rootOf(a).createdAt.getTime() - rootOf(b).createdAt.getTime() || a.id.localeCompare(b.id));
  attachments.forEach((f, i) =>
    renames.push({ id: f.id, name: issuedFileName(stem, { kind: 'attachment', position: i + 1 }, f), originalName: f.name }),
  );
  return { renames, superseded };
}
