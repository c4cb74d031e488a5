import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestContext } from '../../helpers/context.js';

const BOUNDARY = 'vanthu-approvals-boundary-41c9';

export type FilePart = { name: string; filename: string; content: Buffer; contentType?: string };
export type FieldPart = { name: string; value: string };

/** A multipart/form-data body built by hand, in the given part order. */
export function multipart(parts: (FilePart | FieldPart)[]): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const file = 'content' in p;
    const disposition = file ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    const type = file ? `\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`),
      file ? p.content : Buffer.from(p.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** Bytes the file-type sniffer takes for a PDF. */
export function fakePdf(size = 4_000): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length - tail.length)), tail]);
}

export type Approver = {
  userId: string;
  fullName: string;
  decision: string | null;
  actedBy: string | null;
  actingForId: string | null;
  authorityPrefix: string | null;
  comment: string | null;
};
export type Step = {
  id: string;
  round: number;
  order: number;
  name: string;
  status: string;
  required: number | null;
  isSigningStep: boolean;
  dueDate: string | null;
  approvers: Approver[];
};
export type Draft = {
  id: string;
  status: string;
  organizationId: string;
  draftingUnitId: string;
  drafterId: string;
  currentVersion: number;
  signerUserId: string | null;
  signerActingForId: string | null;
  signerAuthority: string | null;
  rejectedReason: string | null;
  versions: {
    version: number;
    mainFile: { id: string; name: string; sha256: string };
    attachments: { id: string; name: string }[];
    comments: { text: string; page: number | null; version: number }[];
  }[];
  workflow: null | {
    id: string;
    templateId: string;
    templateVersion: number;
    status: string;
    round: number;
    draftVersion: number;
    currentOrder: number | null;
    steps: Step[];
  };
};
export type Template = { id: string; familyId: string; version: number; current: boolean; steps: unknown[] };

/** Helpers over the approvals API for one test file's context. */
export function approvalsApi(ctx: TestContext) {
  const ids = new Map<string, string>();
  async function userId(username: string): Promise<string> {
    const cached = ids.get(username);
    if (cached) return cached;
    const [row] = await ctx.sql<{ id: string }[]>`select id from users where username = ${username}`;
    if (!row) throw new Error(`no user ${username}`);
    ids.set(username, row.id);
    return row.id;
  }

  return {
    userId,

    async orgIdOf(username: string): Promise<string> {
      const [row] = await ctx.sql<{ organization_id: string }[]>`select organization_id from users where username = ${username}`;
      return row.organization_id;
    },

    async provinceId(): Promise<string> {
      const [row] = await ctx.sql<{ id: string }[]>`select id from organizations where code = '000.00.00.H41'`;
      return row.id;
    },

    /** Creates a user (as admin) with the given grants and returns its id. */
    async createUser(
      username: string,
      organizationId: string,
      roles: { organizationId: string; role: string }[],
      position = 'Chuyên viên',
    ): Promise<string> {
      const res = await ctx.request({
        method: 'POST',
        url: '/api/v1/users',
        as: 'admin',
        payload: { username, password: 'demo12345', fullName: `Người dùng ${username}`, position, organizationId, roles },
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<{ id: string }>().id;
      ids.set(username, id);
      return id;
    },

    async createDraft(as: string, metadata: Record<string, unknown>, attachments = 1): Promise<Draft> {
      const parts: (FilePart | FieldPart)[] = [
        { name: 'metadata', value: JSON.stringify(metadata) },
        { name: 'file', filename: 'du-thao.pdf', content: fakePdf(), contentType: 'application/pdf' },
      ];
      for (let i = 0; i < attachments; i++)
        parts.push({ name: 'attachments', filename: `phu-luc-${i + 1}.pdf`, content: fakePdf(2000), contentType: 'application/pdf' });
      const { payload, headers } = multipart(parts);
      const res = await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Draft>();
    },

    async addVersion(as: string, id: string, note?: string) {
      const parts: (FilePart | FieldPart)[] = [];
      if (note) parts.push({ name: 'metadata', value: JSON.stringify({ note }) });
      parts.push({ name: 'file', filename: 'du-thao-sua.pdf', content: fakePdf(), contentType: 'application/pdf' });
      const { payload, headers } = multipart(parts);
      return ctx.request({ method: 'POST', url: `/api/v1/drafts/${id}/versions`, payload, headers, as });
    },

    async createTemplate(as: string, body: Record<string, unknown>): Promise<Template> {
      const res = await ctx.request({ method: 'POST', url: '/api/v1/approval-templates', payload: body, as });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Template>();
    },

    submit: (as: string, id: string, body: Record<string, unknown> = {}) =>
      ctx.request({ method: 'POST', url: `/api/v1/drafts/${id}/submit`, payload: body, as }),

    async submitOk(as: string, id: string, body: Record<string, unknown> = {}): Promise<Draft> {
      const res = await ctx.request({ method: 'POST', url: `/api/v1/drafts/${id}/submit`, payload: body, as });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Draft>();
    },

    async get(as: string, id: string): Promise<Draft> {
      const res = await ctx.request({ method: 'GET', url: `/api/v1/drafts/${id}`, as });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Draft>();
    },

    act: (as: string, stepId: string, action: 'approve' | 'return' | 'reject', payload: Record<string, unknown> = {}) =>
      ctx.request({ method: 'POST', url: `/api/v1/approval-steps/${stepId}/${action}`, payload, as }),

    /** The step of the current round with this name. */
    step(draft: Draft, name: string): Step {
      const s = draft.workflow?.steps.find((x) => x.name === name);
      if (!s) throw new Error(`no step ${name}`);
      return s;
    },
  };
}
