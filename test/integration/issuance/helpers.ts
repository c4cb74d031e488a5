/**
 * Helpers for the issuance tests: approved drafts made through the real API, the signing worker of
 * this test's queue prefix, and stored file bytes. Test-only; nothing here runs in src.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

import { expect } from 'vitest';

import type { Principal } from '../../../src/modules/auth/principal.js';
import type { TestContext } from '../../helpers/context.js';
import { runQueueWorker } from '../../helpers/workers.js';
import { approvalsApi, multipart, type Draft } from '../approvals/helpers.js';
import { makePdf, run, type Env } from '../signing/tools.js';

export type Api = ReturnType<typeof issuanceApi>;

export function issuanceApi(ctx: TestContext) {
  const approvals = approvalsApi(ctx);

  /** A draft of the province drafted by province.specialist (Phòng KTTH) with a real PDF. */
  async function createDraft(type: string, subject: string): Promise<Draft> {
    const province = await approvals.provinceId();
    const { payload, headers } = multipart([
      { name: 'metadata', value: JSON.stringify({ type, subject, organizationId: province }) },
      { name: 'file', filename: 'du-thao.pdf', content: await makePdf({ pages: 2 }), contentType: 'application/pdf' },
    ]);
    const res = await ctx.request({ method: 'POST', url: '/api/v1/drafts', payload, headers, as: 'province.specialist' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Draft>();
  }

  /** Submits and approves every step as the user named in `actors` (step name → username). */
  async function approve(draftId: string, actors: Record<string, string>): Promise<Draft> {
    let draft = await approvals.submitOk('province.specialist', draftId);
    for (;;) {
      const active = draft.workflow!.steps.find((s) => s.status === 'active');
      if (!active) break;
      const res = await approvals.act(actors[active.name], active.id, 'approve', { comment: 'Đồng ý' });
      expect(res.statusCode, res.body).toBe(200);
      draft = await approvals.get('province.specialist', draftId);
    }
    expect(draft.status).toBe('approved');
    return draft;
  }

  return {
    approvals,
    createDraft,
    approve,

    /** The principal of a user, as the API builds it for a request. */
    async principal(username: string): Promise<Principal> {
      return ctx.container.services.users.authenticate(await ctx.login(username));
    },

    sign: (as: string, id: string, payload: Record<string, unknown> = {}) =>
      ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/sign`, payload, as }),
    issue: (as: string, id: string, payload: Record<string, unknown> = {}) =>
      ctx.request({ method: 'POST', url: `/api/v1/documents/${id}/issue`, payload, as }),

    async status(id: string): Promise<string> {
      const [row] = await ctx.sql<{ status: string }[]>`select status from documents where id = ${id}`;
      return row.status;
    },

    /** next_number of the province's outgoing registers (0 when none exists yet). */
    async outgoingNext(organizationId: string): Promise<number> {
      const [row] = await ctx.sql<
        { n: number | null }[]
      >`select max(next_number)::int as n from registers where organization_id = ${organizationId} and direction = 'outgoing'`;
      return row.n ?? 0;
    },

    async signatures(documentId: string) {
      return ctx.sql<{ kind: string; input_file_id: string; output_file_id: string; field_name: string; signer_user_id: string }[]>`
        select kind, input_file_id, output_file_id, field_name, signer_user_id from signatures where document_id = ${documentId} order by created_at`;
    },

    async readFile(fileId: string): Promise<Buffer> {
      const [row] = await ctx.sql<{ storage_key: string }[]>`select storage_key from document_files where id = ${fileId}`;
      const stream: Readable = await ctx.container.storage.getStream(row.storage_key);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

/** Runs the real handlers of the `signing` queue of this test's prefix until `until` holds (or a job fails). */
export const runSigningWorker = (ctx: TestContext, until: () => Promise<boolean>) => runQueueWorker(ctx, 'signing', until);

/**
 * The text of the page with every annotation appearance (signature widgets included) flattened
 * into the page by qpdf, extracted by pdftotext: what a reader sees printed.
 */
export function visibleText(env: Env, pdf: Buffer): string {
  const base = path.join(env.dir, `flat-${process.hrtime.bigint()}`);
  writeFileSync(`${base}.pdf`, pdf);
  const flat = run('qpdf', ['--flatten-annotations=all', `${base}.pdf`, `${base}.flat.pdf`]);
  if (flat.status !== 0 && flat.status !== 3) throw new Error(`qpdf flatten failed: ${flat.stderr}`);
  const text = run('pdftotext', ['-layout', `${base}.flat.pdf`, '-']);
  if (text.status !== 0) throw new Error(`pdftotext failed: ${text.stderr}`);
  return text.stdout.normalize('NFC');
}
