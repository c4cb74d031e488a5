/**
 * edXML parser: lenient on form (namespace-agnostic by local name, several date formats, optional
 * fields missing), strict on safety (no DTD, size/depth/text limits) and on the few fields without
 * which a package cannot be routed or registered.
 */
import type { Readable } from 'node:stream';
import { parseEdxmlDate, parseEdxmlTimestamp } from './dates.js';
import type {
  AttachmentMeta,
  Business,
  EdocHeader,
  EdocPackage,
  ManifestReference,
  Organization,
  PackageFormat,
  ParsedAttachment,
  ParsedPackage,
  ParseEdxmlOptions,
  ResponseFor,
  StaffInfo,
  StatusInfo,
  StatusPackage,
  TraceHeader,
} from './types.js';
import { readXmlTree, refuse } from './xml-stream.js';
import type { XmlNode } from './xml-stream.js';

/** Default limits, generous for real packages (attachments of a few hundred MB are rare). */
export const DEFAULT_EDXML_LIMITS = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 40,
  maxTextLength: 64 * 1024,
  maxElements: 20_000,
} as const;

type Node = XmlNode | null | undefined;

const child = (n: Node, local: string): XmlNode | null => n?.children.find((c) => c.local === local) ?? null;
const kids = (n: Node, local: string): XmlNode[] => (n ? n.children.filter((c) => c.local === local) : []);

/** Trimmed text of `n` (or of its child `local`); empty means absent. */
function text(n: Node, local?: string): string | null {
  const target = local === undefined ? n : child(n, local);
  const t = target?.text.trim();
  return t ? t : null;
}

function int(s: string | null): number | null {
  return s !== null && /^[+-]?\d{1,15}$/.test(s) ? Number(s) : null;
}

function bool(s: string | null): boolean | null {
  if (s === null) return null;
  const v = s.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/** Depth-first search by local name. */
function find(n: Node, local: string): XmlNode | null {
  if (!n) return null;
  if (n.local === local) return n;
  for (const c of n.children) {
    const hit = find(c, local);
    if (hit) return hit;
  }
  return null;
}

const allNull = (o: Record<string, unknown>): boolean => Object.values(o).every((v) => v === null);

function organization(n: XmlNode, organId: string): Organization {
  return {
    organId,
    organName: text(n, 'OrganName'),
    organizationInCharge: text(n, 'OrganizationInCharge'),
    organAdd: text(n, 'OrganAdd'),
    email: text(n, 'Email'),
    telephone: text(n, 'Telephone'),
    fax: text(n, 'Fax'),
    website: text(n, 'Website'),
  };
}

/** `Code` is `CodeNumber`+`CodeNotation` in a MessageHeader, often one string in ResponseFor. */
function codeParts(n: Node): { number: string | null; notation: string | null; joined: string | null } {
  const number = text(n, 'CodeNumber');
  const notation = text(n, 'CodeNotation');
  if (number !== null || notation !== null) {
    return { number, notation, joined: [number, notation].filter((x) => x !== null).join('/') };
  }
  const whole = text(n);
  if (whole === null) return { number: null, notation: null, joined: null };
  const slash = whole.indexOf('/');
  return slash === -1
    ? { number: whole, notation: null, joined: whole }
    : { number: whole.slice(0, slash).trim() || null, notation: whole.slice(slash + 1).trim() || null, joined: whole };
}

function responseFor(n: XmlNode): ResponseFor {
  return {
    organId: text(n, 'OrganId'),
    code: codeParts(child(n, 'Code')).joined,
    promulgationDate: parseEdxmlDate(text(n, 'PromulgationDate')),
    documentId: text(n, 'DocumentId'),
  };
}

function staffInfo(n: Node): StaffInfo | null {
  if (!n) return null;
  const s: StaffInfo = {
    department: text(n, 'Department'),
    staff: text(n, 'Staff'),
    mobile: text(n, 'Mobile'),
    email: text(n, 'Email'),
  };
  return allNull(s) ? null : s;
}

function requiredOrganization(n: Node, where: string): Organization {
  const organId = text(n, 'OrganId');
  if (!n || organId === null) refuse(`${where} is missing OrganId`);
  return organization(n, organId);
}

function edocHeader(mh: XmlNode): EdocHeader {
  const from = requiredOrganization(child(mh, 'From'), 'MessageHeader/From');

  const toNodes = kids(mh, 'To');
  if (toNodes.length === 0) refuse('MessageHeader has no To (at least one recipient is required)');
  const seen = new Set<string>();
  const to = toNodes.map((n, i) => {
    const org = requiredOrganization(n, `MessageHeader/To[${i + 1}]`);
    if (seen.has(org.organId)) refuse(`MessageHeader/To/OrganId ${org.organId} appears more than once`);
    seen.add(org.organId);
    return org;
  });

  const code = codeParts(child(mh, 'Code'));
  if (code.number === null) refuse('MessageHeader is missing Code/CodeNumber');
  if (code.notation === null) refuse('MessageHeader is missing Code/CodeNotation');

  const pi = child(mh, 'PromulgationInfo');
  const rawDate = text(pi, 'PromulgationDate');
  if (rawDate === null) refuse('MessageHeader is missing PromulgationInfo/PromulgationDate');
  const date = parseEdxmlDate(rawDate);
  if (date === null) refuse(`PromulgationInfo/PromulgationDate ${JSON.stringify(rawDate)} is not a date`);

  const subject = text(mh, 'Subject');
  if (subject === null) refuse('MessageHeader is missing Subject');

  const dt = child(mh, 'DocumentType');
  const si = child(mh, 'SignerInfo');
  const signer = si ? { competence: text(si, 'Competence'), position: text(si, 'Position'), fullName: text(si, 'FullName') } : null;
  const oi = child(mh, 'OtherInfo');

  return {
    from,
    to,
    documentId: text(mh, 'DocumentId'),
    code: { number: code.number, notation: code.notation },
    promulgation: { place: text(pi, 'Place'), date },
    documentType: {
      type: int(text(dt, 'Type')),
      typeDetail: int(text(dt, 'TypeDetail')),
      typeName: text(dt, 'TypeName'),
    },
    subject,
    content: text(mh, 'Content'),
    signer: signer && !allNull(signer) ? signer : null,
    // Optional dates that cannot be read are dropped rather than refusing the whole package.
    dueDate: parseEdxmlDate(text(mh, 'DueDate')),
    toPlaces: kids(child(mh, 'ToPlaces'), 'Place')
      .map((p) => text(p))
      .filter((p): p is string => p !== null),
    otherInfo: {
      priority: int(text(oi, 'Priority')),
      sphereOfPromulgation: text(oi, 'SphereOfPromulgation'),
      typerNotation: text(oi, 'TyperNotation'),
      promulgationAmount: int(text(oi, 'PromulgationAmount')),
      pageAmount: int(text(oi, 'PageAmount')),
      direction: bool(text(oi, 'Direction')),
      appendixes: kids(child(oi, 'Appendixes'), 'Appendix')
        .map((a) => text(a))
        .filter((a): a is string => a !== null),
    },
    steeringType: int(text(mh, 'SteeringType')),
    responseFor: kids(mh, 'ResponseFor').map(responseFor),
  };
}

/**
 * The element holding a status's fields, or null for a document package: a MessageHeader with a
 * StatusCode (QCVN 102 as real peers and the official reader use it), else an older-form Status
 * element, unless a MessageHeader with recipients beside it makes the package a document.
 */
function statusElement(root: XmlNode, mh: XmlNode | null): XmlNode | null {
  if (mh && child(mh, 'StatusCode')) return mh;
  const st = find(root, 'Status');
  return st && (!mh || kids(mh, 'To').length === 0) ? st : null;
}

/** The fields of a status, from a `MessageHeader` with a StatusCode or from an older `Status` element. */
function statusInfo(n: XmlNode): StatusInfo {
  const where = n.local;
  const from = requiredOrganization(child(n, 'From'), `${where}/From`);
  const rawCode = text(n, 'StatusCode');
  if (rawCode === null) refuse(`${where} is missing StatusCode`);
  if (!/^\d{1,2}$/.test(rawCode)) refuse(`StatusCode ${JSON.stringify(rawCode)} is not a status code`);
  const rf = child(n, 'ResponseFor');
  if (!rf) refuse(`${where} is missing ResponseFor`);
  const answered = responseFor(rf);
  if (answered.documentId === null && answered.code === null) {
    refuse(`${where}/ResponseFor carries neither DocumentId nor Code`);
  }
  return {
    responseFor: answered,
    from,
    statusCode: rawCode.padStart(2, '0'),
    description: text(n, 'Description'),
    timestamp: parseEdxmlTimestamp(text(n, 'Timestamp')),
    staffInfo: staffInfo(child(n, 'StaffInfo')),
  };
}

function traceHeaders(header: Node): TraceHeader[] {
  return kids(find(header, 'TraceHeaderList'), 'TraceHeader').map((t) => ({
    organId: text(t, 'OrganId'),
    timestamp: parseEdxmlTimestamp(text(t, 'Timestamp')),
  }));
}

function business(header: Node): Business | null {
  // "Bussiness" is the wire spelling; the correct spelling is accepted too.
  const b = find(header, 'Bussiness') ?? find(header, 'Business');
  if (!b) return null;
  const bdi = child(b, 'BussinessDocumentInfo') ?? child(b, 'BusinessDocumentInfo');
  return {
    docType: int(text(b, 'BussinessDocType') ?? text(b, 'BusinessDocType')),
    reason: text(b, 'BussinessDocReason') ?? text(b, 'BusinessDocReason'),
    documentId: text(b, 'DocumentId'),
    paper: int(text(b, 'Paper')),
    staffInfo: staffInfo(child(b, 'StaffInfo')),
    documentInfo: bdi
      ? {
          documentInfo: int(text(bdi, 'DocumentInfo')),
          documentReceiver: int(text(bdi, 'DocumentReceiver')),
          receivers: kids(child(bdi, 'ReceiverList'), 'Receiver').map((r) => ({
            receiverType: int(text(r, 'ReceiverType')),
            organId: text(r, 'OrganId'),
          })),
        }
      : null,
    replacementInfoList: kids(child(b, 'ReplacementInfoList'), 'ReplacementInfo').map((ri) => ({
      documentId: text(ri, 'DocumentId'),
      organIds: kids(child(ri, 'OrganIdList'), 'OrganId')
        .map((o) => text(o))
        .filter((o): o is string => o !== null),
    })),
  };
}

function manifest(root: XmlNode): ManifestReference[] {
  const m = find(root, 'edXMLManifest') ?? find(root, 'Manifest');
  return kids(m, 'Reference').map((r) => ({
    contentId: text(r, 'ContentId'),
    contentType: text(r, 'ContentType'),
    description: text(r, 'Description'),
    attachmentName: text(r, 'AttachmentName'),
    href: r.attrs.href ?? null,
  }));
}

/** Metadata of an attachment from its `Attachment` element, completed from the manifest. */
function describeAttachment(holder: XmlNode | null, root: XmlNode, index: number): AttachmentMeta {
  const contentId = text(holder, 'ContentId');
  const refs = manifest(root);
  const ref = contentId !== null ? refs.find((r) => r.contentId === contentId) : refs[index];
  return {
    index,
    contentId: contentId ?? ref?.contentId ?? null,
    name: text(holder, 'AttachmentName') ?? ref?.attachmentName ?? null,
    contentType: text(holder, 'ContentType') ?? ref?.contentType ?? null,
    description: text(holder, 'Description') ?? ref?.description ?? null,
  };
}

function formatOf(root: XmlNode): PackageFormat {
  if (root.local === 'edXML') return 'qcvn102';
  if (root.local === 'Envelope') return 'soap';
  return 'unknown';
}

/**
 * Parses an edXML package (QCVN 102:2016 `<edXML>` form, the older e-doc.vn SOAP form, or either
 * without namespaces) from a stream or a buffer. Attachments are base64-decoded as they stream,
 * measured (size, sha256) and piped to `onAttachment(meta)` when it returns a sink; the promise
 * settles after every sink has finished.
 *
 * With `headerOnly`, reading stops at the first attachment's bytes: everything but the attachments is
 * parsed and checked, and an edoc package says `attachmentsRead: false`.
 *
 * A `MessageHeader` with a `StatusCode` is a status package (no To needed); so is an older-form
 * `Status` element. Any other MessageHeader is a document package and needs at least one To.
 *
 * @throws AppError VALIDATION_FAILED with a one-line reason when the package is refused: DOCTYPE
 *   or entity declarations, size/depth/text/element limits, malformed XML, invalid base64, neither
 *   MessageHeader nor Status, or a mandatory field missing (From/OrganId, To, Code, PromulgationDate,
 *   Subject; for a status: From/OrganId, StatusCode, ResponseFor).
 */
export async function parseEdxml(source: Readable | Buffer, options: ParseEdxmlOptions): Promise<ParsedPackage> {
  const { root, attachments, complete } = await readXmlTree(source, {
    maxBytes: options.maxBytes,
    maxDepth: options.maxDepth,
    maxTextLength: options.maxTextLength,
    maxElements: options.maxElements ?? DEFAULT_EDXML_LIMITS.maxElements,
    describeAttachment,
    onAttachment: options.onAttachment,
    headerOnly: options.headerOnly,
  });

  const format = formatOf(root);
  const mh = find(root, 'MessageHeader');
  const statusNode = statusElement(root, mh);
  if (!mh && !statusNode) refuse('package has neither a MessageHeader (document) nor a Status');
  // TraceHeaderList is a sibling of MessageHeader/Status inside the header element.
  const headerScope = root;

  if (statusNode) {
    const pkg: StatusPackage = {
      kind: 'status',
      format,
      namespace: statusNode.ns,
      status: statusInfo(statusNode),
      traceHeaders: traceHeaders(headerScope),
      business: business(headerScope),
    };
    return pkg;
  }

  const parsedAttachments: ParsedAttachment[] = attachments.map((a) => ({
    ...describeAttachment(a.holder, root, a.meta.index),
    size: a.size,
    sha256: a.sha256,
  }));
  const pkg: EdocPackage = {
    kind: 'edoc',
    format,
    namespace: (mh as XmlNode).ns,
    header: edocHeader(mh as XmlNode),
    traceHeaders: traceHeaders(headerScope),
    business: business(headerScope),
    manifest: manifest(root),
    attachments: parsedAttachments,
    attachmentsRead: complete,
  };
  return pkg;
}
