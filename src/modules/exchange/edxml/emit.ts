/**
 * edXML emitter: builds QCVN 102:2016 document and status packages as streams. Element order
 * follows the VPCP SDK sample (`edoc_new.edxml`), dates are QCVN style, and attachments are
 * base64-encoded piece by piece so a large file is never held whole in memory.
 */
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { AppError } from '../../../lib/errors.js';
import { encodeBase64Stream } from './base64.js';
import { formatQcvnDate, formatQcvnTimestamp, parseEdxmlDate } from './dates.js';
import { EDXML_NAMESPACE, EDXML_STATUS_CODES, edxmlTypeOf } from './types.js';
import type {
  Business,
  EdocEmitInput,
  EmitAttachment,
  Organization,
  ResponseFor,
  StaffInfo,
  StatusEmitInput,
  TraceHeader,
} from './types.js';

// XML 1.0 cannot carry these code points at all, even escaped; they are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content or attribute values (Vietnamese text stays as UTF-8). */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

type Value = string | number | boolean | null | undefined;

/** One `edXML:` element, or nothing when the value is absent. */
function el(name: string, value: Value): string {
  if (value === null || value === undefined || value === '') return '';
  return `<edXML:${name}>${escapeXml(String(value))}</edXML:${name}>`;
}

/** A container element, or nothing when all its content is absent. */
function box(name: string, inner: string): string {
  return inner ? `<edXML:${name}>${inner}</edXML:${name}>` : '';
}

const invalid = (message: string): never => {
  throw new AppError('VALIDATION_FAILED', { message });
};

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

const qcvnDateOrNull = (value: string | null | undefined): string | null => (blank(value) ? null : formatQcvnDate(value as string));

function organization(name: string, org: Partial<Organization> & { organId: string }): string {
  return box(
    name,
    el('OrganId', org.organId) +
      el('OrganizationInCharge', org.organizationInCharge) +
      el('OrganName', org.organName) +
      el('OrganAdd', org.organAdd) +
      el('Email', org.email) +
      el('Telephone', org.telephone) +
      el('Fax', org.fax) +
      el('Website', org.website),
  );
}

function staffInfo(s: Partial<StaffInfo> | null | undefined): string {
  if (!s) return '';
  return box('StaffInfo', el('Department', s.department) + el('Staff', s.staff) + el('Mobile', s.mobile) + el('Email', s.email));
}

function responseFor(r: Partial<ResponseFor>): string {
  return box(
    'ResponseFor',
    el('OrganId', r.organId) +
      el('Code', r.code) +
      el('PromulgationDate', qcvnDateOrNull(r.promulgationDate)) +
      el('DocumentId', r.documentId),
  );
}

/**
 * Builds the global document key `<senderOrganId>,<yyyy/MM/dd>,<number>/<notation>` used by
 * ResponseFor and replacements.
 * @throws AppError VALIDATION_FAILED when the date is not a date.
 */
export function buildDocumentId(senderOrganId: string, promulgationDate: string, number: string, notation: string): string {
  return `${senderOrganId},${formatQcvnDate(promulgationDate)},${number}/${notation}`;
}

function validateEdoc(doc: EdocEmitInput): void {
  if (blank(doc.from?.organId)) invalid('from.organId is required');
  if (!doc.to?.length) invalid('at least one recipient (to) is required');
  const seen = new Set<string>();
  for (const t of doc.to) {
    if (blank(t.organId)) invalid('every recipient needs an organId');
    if (seen.has(t.organId)) invalid(`recipient ${t.organId} appears more than once`);
    seen.add(t.organId);
  }
  if (blank(doc.code?.number) || blank(doc.code?.notation)) invalid('code.number and code.notation are required');
  if (!parseEdxmlDate(doc.promulgation?.date)) invalid('promulgation.date must be a date');
  if (blank(doc.subject)) invalid('subject is required');
  if (doc.dueDate && !parseEdxmlDate(doc.dueDate)) invalid('dueDate must be a date');
}

function messageHeader(doc: EdocEmitInput): string {
  const documentId = doc.documentId ?? buildDocumentId(doc.from.organId, doc.promulgation.date, doc.code.number, doc.code.notation);
  const dt = doc.documentType ?? {};
  // Type is always sent (the official reader takes an absent one as 2); TypeDetail only with the table's Type.
  const known = edxmlTypeOf(dt.typeName);
  const type = dt.type ?? known.type;
  const typeDetail = dt.typeDetail ?? (dt.type == null ? known.typeDetail : null);
  const signer = doc.signer ?? {};
  const oi = doc.otherInfo ?? {};
  return (
    '<edXML:MessageHeader>' +
    organization('From', doc.from) +
    doc.to.map((t) => organization('To', t)).join('') +
    el('DocumentId', documentId) +
    box('Code', el('CodeNumber', doc.code.number) + el('CodeNotation', doc.code.notation)) +
    box('PromulgationInfo', el('Place', doc.promulgation.place) + el('PromulgationDate', formatQcvnDate(doc.promulgation.date))) +
    box('DocumentType', el('Type', type) + el('TypeDetail', typeDetail) + el('TypeName', dt.typeName)) +
    el('Subject', doc.subject) +
    el('Content', doc.content) +
    box('SignerInfo', el('Competence', signer.competence) + el('Position', signer.position) + el('FullName', signer.fullName)) +
    el('DueDate', qcvnDateOrNull(doc.dueDate)) +
    box(
      'OtherInfo',
      // Priority is mandatory for the axis validators; 0 (Thường) when the caller has none.
      el('Priority', oi.priority ?? 0) +
        el('SphereOfPromulgation', oi.sphereOfPromulgation) +
        el('TyperNotation', oi.typerNotation) +
        el('PromulgationAmount', oi.promulgationAmount) +
        el('PageAmount', oi.pageAmount) +
        el('Direction', oi.direction) +
        box('Appendixes', (oi.appendixes ?? []).map((a) => el('Appendix', a)).join('')),
    ) +
    // Always sent: absent, the official reader says 0 and we say null; 0 = not a directive.
    el('SteeringType', doc.steeringType ?? 0) +
    box('ToPlaces', (doc.toPlaces ?? []).map((p) => el('Place', p)).join('')) +
    (doc.responseFor ?? []).map(responseFor).join('') +
    '</edXML:MessageHeader>'
  );
}

function traceHeaderList(traces: TraceHeader[], business: Partial<Business>): string {
  const traceXml = traces
    .map((t) => box('TraceHeader', el('OrganId', t.organId) + el('Timestamp', t.timestamp ? formatQcvnTimestamp(t.timestamp) : null)))
    .join('');
  const bdi = business.documentInfo;
  const bdiXml = bdi
    ? box(
        'BussinessDocumentInfo',
        el('DocumentInfo', bdi.documentInfo) +
          el('DocumentReceiver', bdi.documentReceiver) +
          box(
            'ReceiverList',
            bdi.receivers.map((r) => box('Receiver', el('ReceiverType', r.receiverType) + el('OrganId', r.organId))).join(''),
          ),
      )
    : '';
  const replacements = box(
    'ReplacementInfoList',
    (business.replacementInfoList ?? [])
      .map((ri) =>
        box('ReplacementInfo', el('DocumentId', ri.documentId) + box('OrganIdList', ri.organIds.map((o) => el('OrganId', o)).join(''))),
      )
      .join(''),
  );
  const businessXml = box(
    'Bussiness',
    el('DocumentId', business.documentId) +
      el('BussinessDocType', business.docType ?? 0) +
      el('BussinessDocReason', business.reason) +
      el('Paper', business.paper ?? 0) +
      staffInfo(business.staffInfo) +
      bdiXml +
      replacements,
  );
  return `<edXML:TraceHeaderList>${traceXml}${businessXml}</edXML:TraceHeaderList>`;
}

const PROLOGUE = `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NAMESPACE}">\n<edXML:edXMLEnvelope xmlns:edXML="${EDXML_NAMESPACE}">\n`;

/**
 * Emits a QCVN 102:2016 document package as a byte stream. `documentId` defaults to
 * `<senderOrganId>,<yyyy/MM/dd>,<number>/<notation>`, the trace to one hop by the sender at `now`,
 * the business block to a new document (BussinessDocType 0). Attachments get content ids `cid:1`…
 * in order; their sources are read lazily as the stream is consumed.
 * @throws AppError VALIDATION_FAILED (synchronously) when a mandatory field is missing.
 */
export function emitEdocPackage(doc: EdocEmitInput, attachments: EmitAttachment[] = []): Readable {
  validateEdoc(doc);
  for (const a of attachments) {
    if (blank(a.name) || blank(a.contentType)) invalid('every attachment needs a name and a contentType');
  }
  const header = messageHeader(doc);
  const traces = doc.traceHeaders ?? [{ organId: doc.from.organId, timestamp: formatQcvnTimestamp(doc.now ?? new Date()) }];
  const trace = traceHeaderList(traces, doc.business ?? {});
  const references = attachments
    .map((a, i) =>
      box(
        'Reference',
        el('ContentId', `cid:${i + 1}`) +
          el('ContentType', a.contentType) +
          el('Description', a.description) +
          el('AttachmentName', a.name),
      ),
    )
    .join('');

  async function* generate(): AsyncGenerator<string> {
    yield PROLOGUE;
    yield `<edXML:edXMLHeader>\n${header}\n${trace}\n</edXML:edXMLHeader>\n`;
    yield `<edXML:edXMLBody><edXML:edXMLManifest version="1.0">${references}</edXML:edXMLManifest></edXML:edXMLBody>\n`;
    yield '</edXML:edXMLEnvelope>\n';
    if (attachments.length) {
      yield '<AttachmentEncoded>\n';
      for (const [i, a] of attachments.entries()) {
        yield (
          `<Attachment><ContentId>cid:${i + 1}</ContentId><AttachmentName>${escapeXml(a.name)}</AttachmentName>` +
          (blank(a.description) ? '' : `<Description>${escapeXml(a.description as string)}</Description>`) +
          `<ContentType>${escapeXml(a.contentType)}</ContentType><ContentTransferEncoded>`
        );
        yield* encodeBase64Stream(a.stream);
        yield '</ContentTransferEncoded></Attachment>\n';
      }
      yield '</AttachmentEncoded>\n';
    }
    yield '</edXML>\n';
  }

  return Readable.from(generate(), { objectMode: false });
}

/**
 * Emits a QCVN 102:2016 status package (StatusCode 01–06, 13, 15, 16) as a byte stream, in the form
 * real peers and the official VPCP/VNPT reader use (DOMAIN.md §1.5): a `MessageHeader` with From,
 * ResponseFor, StaffInfo, StatusCode, Description and Timestamp, and no To. The timestamp defaults
 * to `now` in Vietnam time.
 * @throws AppError VALIDATION_FAILED (synchronously) for an unknown code, a refusal (02) without
 *   a reason in `description`, or a ResponseFor with neither documentId nor code.
 */
export function emitStatusPackage(status: StatusEmitInput): Readable {
  if (!(EDXML_STATUS_CODES as readonly string[]).includes(status.statusCode)) {
    invalid(`statusCode must be one of ${EDXML_STATUS_CODES.join(', ')}`);
  }
  if (status.statusCode === '02' && blank(status.description)) invalid('a refusal (02) needs its reason in description');
  if (blank(status.from?.organId)) invalid('from.organId is required');
  const rf = status.responseFor ?? {};
  if (blank(rf.documentId) && blank(rf.code)) invalid('responseFor needs a documentId or a code');

  const timestamp = formatQcvnTimestamp(status.timestamp ?? status.now ?? new Date());
  const xml =
    PROLOGUE +
    '<edXML:edXMLHeader>\n<edXML:MessageHeader>' +
    organization('From', status.from) +
    responseFor(rf) +
    staffInfo(status.staffInfo) +
    el('StatusCode', status.statusCode) +
    el('Description', status.description) +
    el('Timestamp', timestamp) +
    '</edXML:MessageHeader>\n</edXML:edXMLHeader>\n</edXML:edXMLEnvelope>\n</edXML>\n';
  return Readable.from([Buffer.from(xml, 'utf8')]);
}
