import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { uploadDocument } from '../../helpers/documents.js';
import { multipart } from '../approvals/helpers.js';
import { startExchangeWorkers, waitFor } from '../exchange/helpers.js';
import { runSigningWorker } from '../issuance/helpers.js';
import { makePdf } from '../signing/tools.js';

/**
 * The two daily stories of issue 12 ("Done when"), walked as the demo users would through the API
 * alone: every id a step needs comes from the answer of an earlier step the same person took, from a
 * people or unit picker (GET /users?q=, GET /organizations?q=) or from a personal work list
 * (GET /me/work/..., GET /assignments, GET /documents). Never from the database or the seed's ids;
 * the demo logins are the README's, and a colleague is searched by the name they show on GET /me.
 */
let ctx: TestContext;
let workers: ReturnType<typeof startExchangeWorkers>;

const api = async <T = Record<string, unknown>>(
  as: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  status = 200,
): Promise<T> => {
  const res = await ctx.request({
    method,
    url: `/api/v1${url}`,
    as,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  expect(res.statusCode, `${method} ${url} as ${as}: ${res.body}`).toBe(status);
  return res.json<T>();
};
const get = <T = Record<string, unknown>>(as: string, url: string) => api<T>(as, 'GET', url);
const post = <T = Record<string, unknown>>(as: string, url: string, payload?: unknown, status = 200) =>
  api<T>(as, 'POST', url, payload, status);

type Me = { id: string; fullName: string; organizationId: string };
type Person = { id: string; fullName: string; title: string | null; organization: { id: string; name: string }; roles: unknown[] };
type Unit = { id: string; name: string };
type Entry = {
  id: string;
  document: { id: string; code: string | null; subject: string };
  assignment: { id: string } | null;
  step: { id: string; name: string } | null;
};
type EntryPage = { items: Entry[]; total: number };
type WorkItem = { id: string; role: string; status: string; document: { id: string; subject: string } };

const enc = encodeURIComponent;

/** The one person a picker finds for `q` as `as` (in the unit `organizationId`, when names repeat). */
async function person(as: string, q: string, organizationId?: string): Promise<Person> {
  const { items } = await get<{ items: Person[] }>(as, `/users?q=${enc(q)}`);
  const found = items.filter((i) => organizationId === undefined || i.organization.id === organizationId);
  expect(found, `${as} looks for ${q}`).toHaveLength(1);
  return found[0];
}

/** The unit a picker finds for `q` as `as`, by its exact name among the answers. */
async function unit(as: string, q: string, name: string): Promise<Unit> {
  const { items } = await get<{ items: Unit[] }>(as, `/organizations?q=${enc(q)}`);
  const found = items.find((u) => u.name === name);
  expect(found, `${as} looks for ${name}`).toBeDefined();
  return found!;
}

/** The entry of a personal list about the document with `subject`. */
async function entry(as: string, list: string, subject: string): Promise<Entry> {
  const page = await get<EntryPage>(as, `/me/work/${list}`);
  const found = page.items.find((i) => i.document.subject === subject);
  expect(found, `${list} of ${as} holds “${subject}”`).toBeDefined();
  return found!;
}

beforeAll(async () => {
  ctx = await createTestContext();
  workers = startExchangeWorkers(ctx);
});
afterAll(async () => {
  await workers?.close();
  await ctx?.close();
});

describe('the two stories', () => {
  it('incoming: receive, register, present, direct, handle with a working file, extension, complete', async () => {
    const subject = 'Về việc rà soát, sắp xếp đơn vị sự nghiệp công lập năm 2026';

    // The provincial văn thư receives a paper document, scans it and registers it (số đến).
    const received = await uploadDocument(ctx, 'province.clerk', {
      direction: 'incoming',
      type: 'Công văn',
      subject,
      number: '512',
      notation: 'BNV-TCBC',
      issuerName: 'Bộ Nội vụ',
    });
    expect(received.statusCode, received.body).toBe(201);
    const documentId = received.json<{ id: string }>().id;
    const registered = await post<{ incomingNumber: number; status: string }>('province.clerk', `/documents/${documentId}/register`);
    expect(registered.status).toBe('registered');

    // She presents it to the Chủ tịch, found with the people picker (the leaders she may present to).
    const chairman = await person('province.clerk', 'Chủ tịch');
    expect(JSON.stringify(chairman.roles)).toContain('leader');
    await post('province.clerk', `/documents/${documentId}/present`, { leaderUserId: chairman.id });

    // The Chủ tịch finds it among the documents presented to him and directs (bút phê): the specialist
    // he names leads (found by the name the specialist shows), Sở Tài chính coordinates (unit picker).
    expect((await get<{ lists: Record<string, { total: number }> }>('province.leader', '/me/work')).lists.presented.total).toBe(1);
    const presented = await entry('province.leader', 'presented', subject);
    expect(presented.document).toMatchObject({ id: documentId, code: '512/BNV-TCBC' });
    const known = await get<Me>('province.specialist', '/me');
    const specialist = await person('province.leader', known.fullName, known.organizationId);
    const finance = await unit('province.leader', 'Tài chính', 'Sở Tài chính');
    await post(
      'province.leader',
      `/documents/${presented.document.id}/assignments`,
      {
        comment: 'Đ/c Quân chủ trì tham mưu, Sở Tài chính phối hợp; báo cáo trong 3 ngày làm việc.',
        assignees: [
          { userId: specialist.id, role: 'lead', dueInWorkingDays: 3 },
          { unitId: finance.id, role: 'coordinate', dueInWorkingDays: 3 },
        ],
      },
      201,
    );
    expect((await get<EntryPage>('province.leader', '/me/work/presented')).total).toBe(0);

    // The specialist finds his task in his work list and attaches his working file (the reply's draft).
    const mine = await get<{ items: WorkItem[] }>('province.specialist', '/assignments?scope=mine&status=open');
    const task = mine.items.find((i) => i.document.subject === subject)!;
    expect(task).toMatchObject({ role: 'lead', status: 'open' });
    const file = multipart([{ name: 'file', filename: 'du-thao-bao-cao.pdf', content: await makePdf(), contentType: 'application/pdf' }]);
    const uploaded = await ctx.request({ method: 'POST', url: `/api/v1/assignments/${task.id}/files`, as: 'province.specialist', ...file });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const [working] = uploaded.json<{ files: { id: string; name: string }[] }>().files;
    const withFile = await get<{ files: { id: string }[] }>('province.leader', `/documents/${documentId}`);
    expect(withFile.files.map((f) => f.id)).toContain(working.id);

    // He needs more time; the Chủ tịch sees the request among his decisions and grants it.
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await post('province.specialist', `/assignments/${task.id}/extension`, { requestedDueDate: later, reason: 'Chờ số liệu của các sở.' });
    const request = await entry('province.leader', 'extension-requests', subject);
    await post('province.leader', `/assignments/${request.assignment!.id}/extension/decision`, { grant: true });
    const extended = await get<{ dueDate: string; extensionStatus: string }>('province.specialist', `/assignments/${task.id}`);
    expect(extended).toMatchObject({ dueDate: later, extensionStatus: 'granted' });

    // He completes it; the document completes with its lead, which the Chủ tịch finds among the work he gave that is done.
    await post('province.specialist', `/assignments/${task.id}/notes`, { text: 'Đã tổng hợp ý kiến.', fileIds: [working.id] }, 201);
    const completed = await post<{ document: { status: string } }>('province.specialist', `/assignments/${task.id}/complete`, {
      result: 'Đã tham mưu báo cáo, trình UBND tỉnh.',
    });
    expect(completed.document.status).toBe('completed');
    const done = await get<EntryPage>('province.leader', '/me/work/assigned-by-me?status=done');
    expect(done.items.filter((i) => i.document.id === documentId)).toHaveLength(1);
  });

  it('outgoing: draft, approve, sign, issue, dispatch, the recipient registers', async () => {
    const subject = 'Quyết định ban hành quy chế làm việc của tổ công tác chuyển đổi số';
    const leader = await get<Me>('province.leader', '/me');

    // The Chủ tịch sets up how his province's drafts are approved: the văn thư checks the form
    // (found by the name she shows), then he signs.
    const clerkMe = await get<Me>('province.clerk', '/me');
    const clerk = await person('province.leader', clerkMe.fullName, clerkMe.organizationId);
    await post(
      'province.leader',
      '/approval-templates',
      {
        organizationId: leader.organizationId,
        name: 'Kiểm tra thể thức và ký ban hành',
        steps: [
          { order: 1, name: 'Kiểm tra thể thức', approvers: [{ userId: clerk.id }], quorum: 'any', dueInWorkingDays: 1 },
          { order: 2, name: 'Lãnh đạo ký', approvers: [{ userId: leader.id }], quorum: 'any', dueInWorkingDays: 2, isSigningStep: true },
        ],
      },
      201,
    );

    // The specialist drafts and submits.
    const parts = multipart([
      {
        name: 'metadata',
        value: JSON.stringify({ type: 'Quyết định', subject, organizationId: leader.organizationId, urgency: 'urgent' }),
      },
      { name: 'file', filename: 'Dự thảo quy chế.pdf', content: await makePdf({ pages: 2 }), contentType: 'application/pdf' },
    ]);
    const created = await ctx.request({ method: 'POST', url: '/api/v1/drafts', as: 'province.specialist', ...parts });
    expect(created.statusCode, created.body).toBe(201);
    const draft = await entry('province.specialist', 'drafts', subject);
    await post('province.specialist', `/drafts/${draft.document.id}/submit`, {});

    // Each approver finds the step in the approvals awaiting them.
    const check = await entry('province.clerk', 'approvals', subject);
    expect(check.step!.name).toBe('Kiểm tra thể thức');
    await post('province.clerk', `/approval-steps/${check.step!.id}/approve`, { comment: 'Đúng thể thức.' });
    const signing = await entry('province.leader', 'approvals', subject);
    await post('province.leader', `/approval-steps/${signing.step!.id}/approve`, {});

    // Approved: it awaits his signature; he signs (the signing worker applies it).
    const toSign = await entry('province.leader', 'to-sign', subject);
    await post('province.leader', `/documents/${toSign.document.id}/sign`, {}, 202);
    const signed = await runSigningWorker(ctx, async () => (await get<EntryPage>('province.clerk', '/me/work/to-issue')).total === 1);
    expect(signed.failed).toEqual([]);

    // The văn thư issues it (number, seal) and sends it to Phường Bến Thủy.
    const toIssue = await entry('province.clerk', 'to-issue', subject);
    const issued = await post<{ code: string }>('province.clerk', `/documents/${toIssue.document.id}/issue`, {});
    expect(issued.code).toMatch(/^\d+\/QĐ-UBND$/);
    const sealed = await runSigningWorker(ctx, async () => {
      const doc = await get<{ files: { kind: string; signatures?: unknown[] }[]; status: string }>(
        'province.clerk',
        `/documents/${toIssue.document.id}`,
      );
      return doc.status === 'issued';
    });
    expect(sealed.failed).toEqual([]);
    const benThuy = await unit('province.clerk', 'Bến Thủy', 'Ủy ban nhân dân phường Bến Thủy');
    await post('province.clerk', `/documents/${toIssue.document.id}/dispatch`, { recipients: [{ organizationId: benThuy.id }] }, 202);
    const sent = await entry('province.clerk', 'unregistered-recipients', subject);
    expect(sent.document.code).toBe(issued.code);

    // The ward's văn thư finds it among the documents received and registers it.
    let copyId: string | undefined;
    await waitFor(
      async () => {
        const inbox = await get<{ items: { id: string; subject: string; status: string }[] }>(
          'commune.clerk',
          '/documents?direction=incoming&status=received',
        );
        copyId = inbox.items.find((d) => d.subject === subject)?.id;
        return copyId !== undefined;
      },
      { what: 'the copy arrived at the ward' },
    );
    const registered = await post<{ status: string }>('commune.clerk', `/documents/${copyId}/register`);
    expect(registered.status).toBe('registered');

    // The registration is reported back: no recipient of it is waiting any more.
    await waitFor(
      async () =>
        !(await get<EntryPage>('province.clerk', '/me/work/unregistered-recipients')).items.some((i) => i.document.subject === subject),
      { what: 'the ward’s registration reported to the sender' },
    );
    const deliveries = await get<{ items: { recipientOrganizationId: string; statusCode: string }[] }>(
      'province.clerk',
      `/documents/${toIssue.document.id}/deliveries`,
    );
    expect(deliveries.items).toEqual([expect.objectContaining({ recipientOrganizationId: benThuy.id, statusCode: '03' })]);
  });
});
