/**
 * Types of the edXML codec (QCVN 102:2016/BTTTT and the older e-doc.vn SOAP form). Dates are
 * normalised to `YYYY-MM-DD`, timestamps to `YYYY-MM-DDTHH:mm:ss` (local time of the sender, as on
 * the wire, with the offset kept only when the package gave one). A field absent from the package
 * is `null` (or `[]` for lists); organisation ids are kept as opaque strings.
 */
import type { Readable, Writable } from 'node:stream';

/** Namespace of QCVN 102:2016 packages. */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
/** Namespace of the older edXML 1.x (Bkav eDoc) SOAP form. */
export const EDXML_LEGACY_NAMESPACE = 'http://www.e-doc.vn/Schema/';

/** Wire status codes of a status package (DOMAIN.md §1.5). */
export const EDXML_STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type EdxmlStatusCode = (typeof EDXML_STATUS_CODES)[number];

/**
 * The Description our status packages carry when the event gave none (a refusal, 02, always has its
 * reason). Real packages always describe the status in words, and a peer's clerk reads only that.
 * Wording after domain-data.json `exchangeStatusCodes`.
 */
export const EDXML_STATUS_DESCRIPTIONS: Record<EdxmlStatusCode, string> = {
  '01': 'Văn bản điện tử đã đến hệ thống của đơn vị nhận',
  '02': 'Từ chối tiếp nhận văn bản',
  '03': 'Đã tiếp nhận văn bản, vào sổ văn bản đến',
  '04': 'Đã phân công xử lý văn bản',
  '05': 'Văn bản đang được xử lý',
  '06': 'Đã hoàn thành xử lý văn bản',
  '13': 'Đề nghị lấy lại văn bản',
  '15': 'Đồng ý thu hồi, cập nhật hoặc thay thế văn bản',
  '16': 'Từ chối thu hồi, cập nhật hoặc thay thế văn bản',
};

/**
 * `DocumentType/Type` and `TypeDetail` we send for a TypeName (DOMAIN.md §1.3, §1.5). Their meaning
 * is not published; real packages send Type 1 with Công văn (10 of 10) and with Thông tư, and
 * Type 2 / TypeDetail 1 with Báo cáo. Type is never left out: the official reader takes an absent
 * Type as 2 (and TypeDetail as -1). Reading keys on TypeName, never on these numbers.
 */
const EDXML_TYPE_BY_NAME: ReadonlyMap<string, { type: number; typeDetail: number | null }> = new Map([
  ['Báo cáo'.normalize('NFC'), { type: 2, typeDetail: 1 }],
]);

/** The Type (1 unless real packages show otherwise) and TypeDetail (null: not known) for a TypeName. */
export function edxmlTypeOf(typeName: string | null | undefined): { type: number; typeDetail: number | null } {
  return EDXML_TYPE_BY_NAME.get(typeName?.trim().normalize('NFC') ?? '') ?? { type: 1, typeDetail: null };
}

/** `Bussiness/BussinessDocType`: 0 new, 1 revoke, 2 update, 3 replace. */
export const BUSINESS_DOC_TYPES = { NEW: 0, REVOKE: 1, UPDATE: 2, REPLACE: 3 } as const;

export type Organization = {
  organId: string;
  organName: string | null;
  organizationInCharge: string | null;
  organAdd: string | null;
  email: string | null;
  telephone: string | null;
  fax: string | null;
  website: string | null;
};

export type DocumentCode = { number: string; notation: string };

export type SignerInfo = {
  competence: string | null;
  position: string | null;
  fullName: string | null;
};

export type OtherInfo = {
  /** 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ. */
  priority: number | null;
  sphereOfPromulgation: string | null;
  typerNotation: string | null;
  promulgationAmount: number | null;
  pageAmount: number | null;
  direction: boolean | null;
  appendixes: string[];
};

/** The document a package answers, revokes or updates (`ResponseFor`). */
export type ResponseFor = {
  organId: string | null;
  /** Number and notation as one string, e.g. `15/QĐ-UBND`. */
  code: string | null;
  promulgationDate: string | null;
  documentId: string | null;
};

/** `MessageHeader` of a document package. */
export type EdocHeader = {
  from: Organization;
  to: Organization[];
  documentId: string | null;
  code: DocumentCode;
  promulgation: { place: string | null; date: string };
  documentType: { type: number | null; typeDetail: number | null; typeName: string | null };
  subject: string;
  content: string | null;
  signer: SignerInfo | null;
  dueDate: string | null;
  toPlaces: string[];
  otherInfo: OtherInfo;
  steeringType: number | null;
  responseFor: ResponseFor[];
};

export type TraceHeader = { organId: string | null; timestamp: string | null };

export type StaffInfo = {
  department: string | null;
  staff: string | null;
  mobile: string | null;
  email: string | null;
};

export type ReplacementInfo = { documentId: string | null; organIds: string[] };

export type BusinessDocumentInfo = {
  documentInfo: number | null;
  documentReceiver: number | null;
  receivers: { receiverType: number | null; organId: string | null }[];
};

/** `TraceHeaderList/Bussiness` (the wire name is misspelt). */
export type Business = {
  /** 0 new, 1 revoke, 2 update, 3 replace (see BUSINESS_DOC_TYPES). */
  docType: number | null;
  reason: string | null;
  documentId: string | null;
  paper: number | null;
  staffInfo: StaffInfo | null;
  documentInfo: BusinessDocumentInfo | null;
  replacementInfoList: ReplacementInfo[];
};

/** A `Reference` of the manifest (it names an attachment; the bytes live elsewhere). */
export type ManifestReference = {
  contentId: string | null;
  contentType: string | null;
  description: string | null;
  attachmentName: string | null;
  /** `xlink:href` of the older SOAP form. */
  href: string | null;
};

/** What `onAttachment` learns before the bytes of an attachment start. */
export type AttachmentMeta = {
  /** 0-based position among the attachments of the package. */
  index: number;
  contentId: string | null;
  name: string | null;
  contentType: string | null;
  description: string | null;
};

/** A decoded attachment: its metadata plus what the streaming decoder measured. */
export type ParsedAttachment = AttachmentMeta & { size: number; sha256: string };

/** `'qcvn102'` = `<edXML>` root, `'soap'` = the older SOAP envelope form. */
export type PackageFormat = 'qcvn102' | 'soap' | 'unknown';

type PackageCommon = {
  format: PackageFormat;
  /** Namespace URI of the element the fields were read from, MessageHeader or Status (null when none was declared). */
  namespace: string | null;
  traceHeaders: TraceHeader[];
  business: Business | null;
};

export type EdocPackage = PackageCommon & {
  kind: 'edoc';
  header: EdocHeader;
  manifest: ManifestReference[];
  attachments: ParsedAttachment[];
  /** False after a header-only parse that stopped at the attachments (`attachments` is then empty). */
  attachmentsRead: boolean;
};

export type StatusInfo = {
  responseFor: ResponseFor;
  from: Organization;
  /** Two-digit wire code (`'01'`…`'16'`); unknown codes are kept as given. */
  statusCode: string;
  description: string | null;
  timestamp: string | null;
  staffInfo: StaffInfo | null;
};

/**
 * A status package. On the wire its fields sit in a `MessageHeader` with a `StatusCode` and no `To`
 * (QCVN 102 as real peers and the official reader use it); packages of the older `Status` element
 * form are read as well.
 */
export type StatusPackage = PackageCommon & { kind: 'status'; status: StatusInfo };

export type ParsedPackage = EdocPackage | StatusPackage;

export type ParseEdxmlOptions = {
  /** Refuse a package whose raw size exceeds this many bytes. */
  maxBytes: number;
  /** Refuse a package nested deeper than this many elements. */
  maxDepth: number;
  /** Refuse any text node (or tag) longer than this many characters, base64 content excepted. */
  maxTextLength: number;
  /** Refuse a package with more header elements than this (default 20 000). */
  maxElements?: number;
  /** Where the decoded bytes of each attachment go; `undefined` = only measure them. */
  onAttachment?: (meta: AttachmentMeta) => Writable | undefined;
  /**
   * Read only up to the first attachment's bytes (header, manifest): the checks that need no
   * attachment, at the cost of a few KB whatever the package's size. The stream is left undrained.
   */
  headerOnly?: boolean;
};

/** Input of `emitEdocPackage`: the header with every optional field optional. */
export type EdocEmitInput = {
  from: Partial<Organization> & { organId: string };
  to: (Partial<Organization> & { organId: string })[];
  documentId?: string | null;
  code: DocumentCode;
  promulgation: { place?: string | null; date: string };
  /** Type (and TypeDetail) default to `edxmlTypeOf(typeName)`: Type is always sent. */
  documentType?: { type?: number | null; typeDetail?: number | null; typeName?: string | null };
  subject: string;
  content?: string | null;
  signer?: Partial<SignerInfo> | null;
  dueDate?: string | null;
  toPlaces?: string[];
  otherInfo?: Partial<OtherInfo>;
  /** Defaults to 0 (not a directive): always sent, as the official reader would read absent as 0 and we as null. */
  steeringType?: number | null;
  responseFor?: Partial<ResponseFor>[];
  /** Defaults to one TraceHeader for the sender at `now`. */
  traceHeaders?: TraceHeader[];
  /** Defaults to a new document (BussinessDocType 0, Paper 0). */
  business?: Partial<Business> | null;
  /** Clock for default timestamps (tests pin it). */
  now?: Date;
};

export type EmitAttachment = {
  name: string;
  contentType: string;
  description?: string | null;
  stream: Readable | Buffer;
};

export type StatusEmitInput = {
  responseFor: Partial<ResponseFor>;
  from: Partial<Organization> & { organId: string };
  statusCode: EdxmlStatusCode;
  description?: string | null;
  /** When the status happened (a `Date` is written in Vietnam time); defaults to `now`. */
  timestamp?: string | Date | null;
  /** The clerk who acted; left out when not known. */
  staffInfo?: Partial<StaffInfo> | null;
  now?: Date;
};
