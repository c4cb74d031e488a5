// Runs the whole system on one machine (called by `npm start` after scripts/services.sh): the local
// S3 server when no S3_ENDPOINT is configured, migrations, the demo seed on an empty database, then
// the API and the workers as child processes. Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { setPriority } from 'node:os';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { runMigrations } from '../src/db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemoProvince } from './seed/demo-province.js';
import { demoCertificatesDeps, ensureDemoCertificates } from './demo-certificates.js';

const config = loadConfig();
const children: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`[vanthu] ${line}\n`);

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function run(name: string, args: string[], { nice = 0 }: { nice?: number } = {}): ChildProcess {
  // Own process group: Ctrl-C reaches only this supervisor, which stops the children in order
  // (a second signal would make them skip their graceful shutdown).
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  if (nice !== 0 && child.pid !== undefined) setPriority(child.pid, nice);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // Workers and API first (they finish in-flight work), the S3 server last.
  for (const child of [...children].reverse()) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 15_000))]);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// A failed step (migration, seed...) must not leave the already started children running.
process.on('uncaughtException', (err) => {
  say(`start failed: ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});

const local = config.storage.local;
if (local) {
  if (await isListening(config.storage.endPoint, local.port)) {
    say(`reusing the S3 server already listening on port ${local.port}`);
  } else {
    const s3 = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/s3-server.ts',
        '--port',
        String(local.port),
        '--dir',
        local.directory,
        '--access-key',
        config.storage.accessKey,
        '--secret-key',
        config.storage.secretKey,
        '--bucket',
        config.storage.bucket,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    children.push(s3);
    const lines = createInterface({ input: s3.stdout! });
    await new Promise<void>((resolve, reject) => {
      s3.once('exit', (c) => reject(new Error(`the local S3 server exited with ${c}`)));
      lines.on('line', (l) => (l.startsWith('S3 ready') ? resolve() : undefined));
    });
    say(`local S3 server on port ${local.port}, data in ${local.directory}`);
  }
}

await runMigrations(config.db.url);
say('database migrated');

const container = createContainer(config, { applicationName: 'vanthu-start' });
await container.storage.ensureBucket();
if (config.seed.demo && (await isDatabaseEmpty(container.db))) {
  const r = await seedDemoProvince({ db: container.db, audit: container.services.audit });
  say(`demo province seeded: ${r.organizations} units, ${r.users} users`);
}
if (config.seed.demo) {
  // A development CA (the default trust list, ./data/pki/ca.pem) with certificates for the demo
  // leaders and seals for their agencies; idempotent.
  const pki = await ensureDemoCertificates(demoCertificatesDeps(container));
  if (pki.created > 0) say(`demo certificates issued by the development CA ${pki.caCertPath}`);
}
await container.close();

run('api', ['src/server.ts']);
// The workers yield the CPU to the API when both share this machine: a burst waits in the queue
// while requests are still answered at once.
run('workers', ['workers/main.ts'], { nice: 10 });

const url = `http://127.0.0.1:${config.http.port}`;
let ready = false;
for (let i = 0; i < 120 && !stopping && !ready; i++) {
  ready = await fetch(`${url}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (!ready) await new Promise((r) => setTimeout(r, 500));
}
if (!ready) say(`not ready after 60 s: see ${url}/readyz`);
else say(`ready: ${config.http.publicUrl}  (API ${config.http.publicUrl}/api/v1, docs ${config.http.publicUrl}/docs)`);
if (config.seed.demo) {
  say(`demo logins (password ${DEMO_PASSWORD}):`);
  for (const [username, what] of DEMO_LOGINS) say(`  ${username.padEnd(20)} ${what}`);
}
say('press Ctrl-C to stop');
