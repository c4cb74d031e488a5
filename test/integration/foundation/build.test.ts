import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../scripts/seed/demo-province.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TINY_PDF } from '../../helpers/documents.js';
import { waitFor } from '../exchange/helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
// Inside the project (gitignored tmp/): compiled ESM finds package.json ("type": "module") and
// node_modules by walking up. Its own directory, so a test run never touches a developer's dist/.
const OUT = path.join(ROOT, 'tmp', `build-test-${randomBytes(4).toString('hex')}`);

type Process = { child: ChildProcess; output: () => string };

let ctx: TestContext;
const processes: Process[] = [];

/** Starts a compiled entry point with this file's environment (database clone, bucket, queue prefix). */
function start(entry: string, env: Record<string, string> = {}): Process {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(OUT, entry)], {
    cwd: ROOT,
    env: { ...ctx.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const p = { child, output: () => text };
  processes.push(p);
  return p;
}

/** The address fastify logs once listening (the server is started on port 0: no port race). */
function listeningUrl(p: Process): string | null {
  return /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output())?.[1] ?? null;
}

async function stop(p: Process): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill('SIGTERM');
  const [code] = (await Promise.race([once(p.child, 'exit'), new Promise((r) => setTimeout(() => r(['timeout']), 20_000))])) as [
    number | null | 'timeout',
  ];
  if (code === 'timeout') {
    p.child.kill('SIGKILL');
    return -1;
  }
  return code;
}

beforeAll(async () => {
  ctx = await createTestContext();
  // The same script as `npm run build`. --noCheck: the emitted JavaScript is the same (isolatedModules),
  // and `npm test` type-checks the whole project before the suite; this keeps the test well under a minute.
  await run('bash', ['scripts/build.sh', OUT, '--noCheck'], { cwd: ROOT, timeout: 90_000 });
});

afterAll(async () => {
  for (const p of processes) await stop(p);
  await ctx?.close();
  await rm(OUT, { recursive: true, force: true });
});

describe('the production build (npm run build)', () => {
  it('applies migrations from the compiled migrate script (the migrations folder is found next to dist/src)', async () => {
    const { stdout } = await run(process.execPath, [path.join(OUT, 'scripts/migrate.js')], { cwd: ROOT, env: ctx.env, timeout: 30_000 });
    expect(stdout).toContain('migrations applied');
  });

  it('runs the compiled API and workers: ready, a login works, an upload is verified by a worker job, both stop cleanly', async () => {
    const api = start('src/server.js', { HOST: '127.0.0.1', PORT: '0' });
    const workers = start('workers/main.js');

    await waitFor(async () => listeningUrl(api) !== null || api.child.exitCode !== null, {
      what: 'the API to listen',
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    const url = listeningUrl(api);
    expect(url, api.output()).not.toBeNull();
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status, await ready.clone().text()).toBe(200);
    expect((await ready.json()).checks).toMatchObject({ postgres: { ok: true }, redis: { ok: true }, s3: { ok: true } });

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'province.clerk', password: DEMO_PASSWORD }),
    });
    expect(login.status, api.output()).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status, api.output()).toBe(200);
    expect((await me.json()).username).toBe('province.clerk');

    // An upload (multipart streamed to S3, file type sniffing) of a PDF holding a signature dictionary
    // schedules signing.verify-file through the outbox: the compiled worker process picks it up and
    // stores the report (an unsigned PDF's report is written by the upload itself).
    const form = new FormData();
    form.append(
      'metadata',
      JSON.stringify({
        direction: 'incoming',
        type: 'Công văn',
        subject: 'Về việc chạy bản dựng',
        urgency: 'normal',
        confidentiality: 'normal',
        number: '7',
        notation: 'UBND-VP',
        issuerName: 'Bộ Nội vụ',
      }),
    );
    const withSignature = Buffer.concat([TINY_PDF, Buffer.from('\n9 0 obj <</Type/Sig/ByteRange[0 1 2 3]/Contents<00>>> endobj\n')]);
    form.append('file', new Blob([withSignature], { type: 'application/pdf' }), 'cong-van.pdf');
    const upload = await fetch(`${url}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    const uploaded = (await upload.json()) as { files: { id: string }[] };
    expect(upload.status, api.output()).toBe(201);
    const fileId = uploaded.files[0].id;
    await waitFor(async () => (await ctx.sql`select 1 from signature_reports where file_id = ${fileId}`).length === 1, {
      what: `the verify-file job in the compiled worker\n${workers.output()}`,
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    await waitFor(
      async () =>
        (
          await ctx.sql`select 1 from outbox where name = 'signing.verify-file' and payload->>'fileId' = ${fileId} and completed_at is not null`
        ).length === 1,
      { what: 'the outbox row completed' },
    );

    // Graceful shutdown on SIGTERM (close-with-grace): both exit on their own, with status 0.
    expect(await stop(api), api.output()).toBe(0);
    expect(await stop(workers), workers.output()).toBe(0);
  });
});
