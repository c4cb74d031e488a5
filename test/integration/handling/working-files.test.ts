import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { createDocumentRow, orgOf, userId } from '../../helpers/documents.js';
import { fakeElf, fakePdf, multipart, sha256, type Part } from '../documents/multipart.js';

// Issue 12 item 2: the person handling an incoming document adds their own working files (reply
// drafts, minutes) to their assignment; everyone who sees the document sees them.

let ctx: TestContext;
let docId: string;
let leadId: string;
let coordinateId: string;
let informId: string;
let childId: string;
let specialist: { id: string; username: string };

const post = (url: string, as: string, payload: Record<string, unknown>) =>
  ctx.request({ method: 'POST', url: `/api/v1${url}`, as, payload });
const get = (url: string, as: string) => ctx.request({ method: 'GET', url: `/api/v1${url}`, as });
const upload = (assignmentId: string, as: string, parts: Part[]) =>
  ctx.request({ method: 'POST', url: `/api/v1/assignments/${assignmentId}/files`, as, ...multipart(parts) });

type FileDto = {
  id: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
  assignmentId: string | null;
  createdBy: string | null;
};
const fileCount = async () =>
  (await ctx.sql<{ n: number }[]>`select count(*)::int as n from document_files where document_id = ${docId}`)[0].n;
async function objectCount(): Promise<number> {
  let n = 0;
  for await (const o of ctx.container.storage.listKeys('documents/')) n += o.key ? 1 : 0;
  return n;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const province = await orgOf(ctx.sql, 'province.clerk', 'clerk');
  const snv = await orgOf(ctx.sql, 'u02.leader', 'leader');
  const stc = await orgOf(ctx.sql, 'u03.leader', 'leader');
  docId = await createDocumentRow(ctx.sql, { ownerOrganizationId: province });
  expect((await ctx.request({ method: 'POST', url: `/api/v1/documents/${docId}/register`, as: 'province.clerk' })).statusCode).toBe(200);
  const assigned = await post(`/documents/${docId}/assignments`, 'province.leader', {
    assignees: [
      { unitId: snv, role: 'lead', dueInWorkingDays: 5 },
      { unitId: stc, role: 'coordinate', dueInWorkingDays: 5 },
      { userId: await userId(ctx.sql, 'province.specialist'), role: 'inform' },
    ],
  });
  expect(assigned.statusCode, assigned.body).toBe(201);
  [leadId, coordinateId, informId] = assigned.json<{ assignments: { id: string }[] }>().assignments.map((a) => a.id);
  [specialist] = await ctx.sql<{ id: string; username: string }[]>`
    select u.id, u.username from users u join organizations o on o.id = u.organization_id where o.parent_id = ${snv} order by u.username limit 1`;
  const divided = await post(`/assignments/${leadId}/assignments`, 'u02.leader', {
    assignees: [{ userId: specialist.id, role: 'lead', dueInWorkingDays: 3 }],
  });
  expect(divided.statusCode, divided.body).toBe(201);
  childId = divided.json<{ assignments: { id: string }[] }>().assignments[0].id;
});
afterAll(() => ctx?.close());

describe('working files on an assignment', () => {
  it('the handler adds files to their assignment: 201, listed on the document with the assignment and person, named by a note, in the timeline', async () => {
    const draft = fakePdf(30_000);
    const minutes = fakePdf(12_000);
    const res = await upload(childId, specialist.username, [
      { name: 'file', filename: 'Dự thảo báo cáo.pdf', content: draft, contentType: 'application/pdf' },
      { name: 'file', filename: 'Biên bản họp.pdf', content: minutes, contentType: 'application/pdf' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { files } = res.json<{ files: { id: string; name: string; size: number; sha256: string }[] }>();
    expect(files.map((f) => [f.name, f.size, f.sha256])).toEqual([
      ['Dự thảo báo cáo.pdf', draft.length, sha256(draft)],
      ['Biên bản họp.pdf', minutes.length, sha256(minutes)],
    ]);

    // Everyone who sees the document sees them: the owner's clerk, the coordinating unit's head.
    for (const as of ['province.clerk', 'u03.leader']) {
      const doc = await get(`/documents/${docId}`, as);
      expect(doc.statusCode, doc.body).toBe(200);
      const listed = doc.json<{ files: FileDto[] }>().files.filter((f) => f.assignmentId !== null);
      expect(listed.map((f) => ({ id: f.id, kind: f.kind, assignmentId: f.assignmentId, createdBy: f.createdBy }))).toEqual(
        files.map((f) => ({ id: f.id, kind: 'note', assignmentId: childId, createdBy: specialist.id })),
      );
      const bytes = await get(`/documents/${docId}/files/${files[0].id}/content`, as);
      expect(bytes.statusCode).toBe(200);
      expect(sha256(bytes.rawPayload)).toBe(sha256(draft));
    }

    // A progress note may point at them; adding files is work on the document.
    const note = await post(`/assignments/${childId}/notes`, specialist.username, { text: 'Gửi dự thảo.', fileIds: [files[0].id] });
    expect(note.statusCode, note.body).toBe(201);
    expect((await get(`/documents/${docId}`, 'province.clerk')).json().status).toBe('in_progress');

    const timeline = await get(`/documents/${docId}/timeline`, 'province.clerk');
    const event = timeline
      .json<{ events: { action: string; actorId: string; details: { assignmentId: string; files: { id: string }[] } }[] }>()
      .events.find((e) => e.action === 'assignment.files-add');
    expect(event).toMatchObject({ actorId: specialist.id, details: { assignmentId: childId } });
    expect(event!.details.files.map((f) => f.id)).toEqual(files.map((f) => f.id));
  });

  it('the head of a coordinating unit adds to that assignment; the head of the lead unit to the lead', async () => {
    for (const [assignment, as] of [
      [coordinateId, 'u03.leader'],
      [leadId, 'u02.leader'],
    ] as const) {
      const res = await upload(assignment, as, [{ name: 'file', filename: 'y-kien.pdf', content: fakePdf(5_000) }]);
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('refuses: 404 to who cannot see it, 403 NOT_ASSIGNMENT_HOLDER to who sees but does not hold it (or an item to inform), nothing stored', async () => {
    const files = await fileCount();
    const objects = await objectCount();
    const pdf: Part[] = [{ name: 'file', filename: 'x.pdf', content: fakePdf(5_000) }];

    const unseen = await upload(childId, 'district.clerk', pdf);
    expect(unseen.statusCode).toBe(404);
    expect((await upload('00000000-0000-4000-8000-000000000000', specialist.username, pdf)).statusCode).toBe(404);

    // The coordinating unit's head and the owner's clerk see the document, but hold neither.
    for (const as of ['u03.leader', 'province.clerk']) {
      const res = await upload(childId, as, pdf);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('NOT_ASSIGNMENT_HOLDER');
    }
    const inform = await upload(informId, 'province.specialist', pdf);
    expect(inform.statusCode, inform.body).toBe(403);
    expect(inform.json().error.code).toBe('NOT_ASSIGNMENT_HOLDER');

    // The upload path's own checks: magic bytes (an executable named .pdf), at least one file.
    const elf = await upload(childId, specialist.username, [
      { name: 'file', filename: 'ok.pdf', content: fakePdf(5_000) },
      { name: 'file', filename: 'bao-cao.pdf', content: fakeElf() },
    ]);
    expect(elf.statusCode).toBe(415);
    const none = await upload(childId, specialist.username, [{ name: 'note', value: 'no file' }]);
    expect(none.statusCode).toBe(400);

    expect(await fileCount()).toBe(files);
    expect(await objectCount()).toBe(objects);
  });

  it('409 on a closed assignment, and nothing stored', async () => {
    const done = await post(`/assignments/${childId}/complete`, specialist.username, { result: 'Đã trình dự thảo.' });
    expect(done.statusCode, done.body).toBe(200);
    const files = await fileCount();
    const objects = await objectCount();
    const res = await upload(childId, specialist.username, [{ name: 'file', filename: 'muon.pdf', content: fakePdf(5_000) }]);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
    expect(await fileCount()).toBe(files);
    expect(await objectCount()).toBe(objects);
  });
});
