/**
 * The JSON view of a parsed package shared by `cli edxml parse --json` and the HTTP layer. The
 * listed keys are a contract (acceptance tests check them exactly); extra top-level keys may be
 * added, nested objects keep exactly their keys.
 */
import type { EdocPackage, ParsedPackage, StatusPackage } from './types.js';

type OrgJson = { organId: string; organName: string | null };

export type EdocCliJson = {
  kind: 'edoc';
  from: OrgJson;
  to: OrgJson[];
  documentId: string | null;
  code: { number: string; notation: string };
  promulgation: { place: string | null; date: string };
  documentType: { type: number | null; typeName: string | null };
  subject: string;
  priority: number | null;
  steeringType: number | null;
  businessType: number | null;
  attachments: { name: string | null; contentType: string | null; size: number; sha256: string }[];
  // Extras.
  format: string;
  dueDate: string | null;
  content: string | null;
  signer: { competence: string | null; position: string | null; fullName: string | null } | null;
  businessReason: string | null;
  businessDocumentId: string | null;
  responseFor: { organId: string | null; code: string | null; promulgationDate: string | null; documentId: string | null }[];
};

export type StatusCliJson = {
  kind: 'status';
  from: OrgJson;
  statusCode: string;
  description: string | null;
  responseFor: { organId: string | null; code: string | null; promulgationDate: string | null; documentId: string | null };
  // Extras.
  format: string;
  timestamp: string | null;
  staff: string | null;
  department: string | null;
};

export type CliJson = EdocCliJson | StatusCliJson;

function edocJson(p: EdocPackage): EdocCliJson {
  const h = p.header;
  return {
    kind: 'edoc',
    from: { organId: h.from.organId, organName: h.from.organName },
    to: h.to.map((t) => ({ organId: t.organId, organName: t.organName })),
    documentId: h.documentId,
    code: { number: h.code.number, notation: h.code.notation },
    promulgation: { place: h.promulgation.place, date: h.promulgation.date },
    documentType: { type: h.documentType.type, typeName: h.documentType.typeName },
    subject: h.subject,
    priority: h.otherInfo.priority,
    steeringType: h.steeringType,
    businessType: p.business?.docType ?? null,
    attachments: p.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.size, sha256: a.sha256 })),
    format: p.format,
    dueDate: h.dueDate,
    content: h.content,
    signer: h.signer,
    businessReason: p.business?.reason ?? null,
    businessDocumentId: p.business?.documentId ?? null,
    responseFor: h.responseFor.map((r) => ({ ...r })),
  };
}

function statusJson(p: StatusPackage): StatusCliJson {
  const s = p.status;
  return {
    kind: 'status',
    from: { organId: s.from.organId, organName: s.from.organName },
    statusCode: s.statusCode,
    description: s.description,
    responseFor: {
      organId: s.responseFor.organId,
      code: s.responseFor.code,
      promulgationDate: s.responseFor.promulgationDate,
      documentId: s.responseFor.documentId,
    },
    format: p.format,
    timestamp: s.timestamp,
    staff: s.staffInfo?.staff ?? null,
    department: s.staffInfo?.department ?? null,
  };
}

/** Maps a parsed package to its JSON contract (dates `YYYY-MM-DD`, absent fields null). */
export function toCliJson(parsed: ParsedPackage): CliJson {
  return parsed.kind === 'edoc' ? edocJson(parsed) : statusJson(parsed);
}
