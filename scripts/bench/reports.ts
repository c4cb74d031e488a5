/**
 * Reports benchmark at province scale: 10,000 units, 1,000,000 incoming documents and 5,000,000
 * assignments seeded set-based (generate_series), the aggregates built by the rebuild, then:
 *   - the province-wide handling report for a year, grouped by child units (goal p99 < 200 ms);
 *   - the drill-down to one commune's people (goal p99 < 50 ms);
 *   - the XLSX export of the year's incoming register of the province office (rows/s, peak RSS);
 *   - the aggregate upkeep's cost per handled document: a lead's completion through the handling
 *     service (its whole transaction, upkeep included) against the upkeep alone on the same change
 *     (the completion's writes made in a transaction that is rolled back), medians of the same run.
 * Reports are measured through the HTTP API in-process (app.inject, authentication included).
 *
 *   DATABASE_URL=postgres://vanthu:vanthu@127.0.0.1:5432/postgres npm run bench -- reports [--requests 200] [--fresh]
 *
 * Uses its own database vanthu_bench_reports next to DATABASE_URL's. Seeding takes long on two
 * cores, so a database already seeded at the stated size is reused, and its aggregates when built
 * (--fresh seeds again).
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createAggregatesRepo } from '../../src/modules/reports/aggregates.repo.js';
import { createReportsService } from '../../src/modules/reports/reports.service.js';
import { createReportsRepo } from '../../src/modules/reports/reports.repo.js';
import { createSentReportRepo } from '../../src/modules/reports/sent-report.repo.js';
import { createAuditService } from '../../src/modules/audit/audit.service.js';
import { createAuditRepo } from '../../src/modules/audit/audit.repo.js';
import { DEMO_PASSWORD } from '../seed/demo-province.js';
import { seedScale } from '../seed/scale.js';
import { median, print, round, summary, timeMany } from './lib.js';

const NAME = 'reports';
const UNITS = 10_000;
const USERS = 30_000;
const DOCUMENTS = 1_000_000;
const ASSIGNMENTS_PER_DOCUMENT = 5;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      requests: { type: 'string', default: '200' },
      fresh: { type: 'boolean', default: false },
      completions: { type: 'string', default: '100' },
    },
  });
  const requests = Number(values.requests);
  const base = loadConfig();
  const dbName = `vanthu_bench_${NAME}`;
  const admin = postgres(base.db.url, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${dbName}`;
  const url = new URL(base.db.url);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  let seeded = false;
  let rebuilt = false;
  if (exists && !values.fresh) {
    const probe = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    // A seed from before completions were kept in the past (some lie in the future) is seeded again.
    const [row] = await probe<{ docs: number; items: number; future: boolean }[]>`
      select (select count(*) from documents)::int as docs, (select count(*) from report_items)::int as items,
             exists (select 1 from documents where completed_at > now()) as future`.catch(() => [{ docs: 0, items: 0, future: true }]);
    await probe.end();
    seeded = row.docs >= DOCUMENTS && !row.future;
    rebuilt = row.items > 0;
  }
  if (!seeded) {
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.unsafe(`create database ${dbName}`);
  }
  await admin.end();
  await runMigrations(databaseUrl);
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${NAME}` });
  const container = createContainer(config, { applicationName: 'vanthu-bench-reports' });
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });

  try {
    if (!seeded) {
      let t = performance.now();
      const scale = await seedScale({ db: container.db, audit: container.services.audit }, { units: UNITS, users: USERS });
      print(`seeded ${scale.units.toLocaleString('en')} units, ${scale.users.toLocaleString('en')} users in ${secs(t)} s`);
      t = performance.now();
      await seed(raw, scale.rootId);
      print(
        `seeded ${(await count(raw, 'documents')).toLocaleString('en')} documents, ${(await count(raw, 'assignments')).toLocaleString('en')} assignments in ${secs(t)} s`,
      );
    } else
      print(
        `reusing ${dbName}: ${(await count(raw, 'documents')).toLocaleString('en')} documents, ${(await count(raw, 'assignments')).toLocaleString('en')} assignments`,
      );

    if (!rebuilt) {
      const t = performance.now();
      const result = await container.services.reports.rebuild();
      await raw`vacuum (analyze) report_items, report_daily, report_totals`;
      print(`rebuilt the aggregates in ${secs(t)} s: ${JSON.stringify(result)}`);
    }

    const [root] = await raw<
      { id: string; name: string }[]
    >`select id, name from organizations where parent_id is null order by created_at desc limit 1`;
    const userOf = async (org: string, role: string) =>
      (
        await raw<
          { username: string }[]
        >`select u.username from role_grants g join users u on u.id = g.user_id where g.organization_id = ${org} and g.role = ${role} limit 1`
      )[0].username;
    // The commune with most items (a busy one for the drill-down).
    const [commune] = await raw<{ id: string }[]>`
      select o.id from report_totals t join organizations o on o.id = t.unit_id
       where o.level = 'commune' group by o.id order by sum(t.received) desc limit 1`;
    const [{ year }] = await raw<{ year: string }[]>`select extract(year from max(registered_at))::text as year from documents`;
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;

    const app = await buildApp(container, { logger: false });
    await app.ready();
    const tokens = new Map<string, string>();
    const login = async (username: string) => {
      if (!tokens.has(username)) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
        tokens.set(username, res.json<{ accessToken: string }>().accessToken);
      }
      return tokens.get(username)!;
    };
    const get = async (as: string, path: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1${path}`, headers: { authorization: `Bearer ${await login(as)}` } });
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const leader = await userOf(root.id, 'leader');

    print('');
    print(`${'scenario'.padEnd(58)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  goal`);
    const province = `/reports/handling?organizationId=${root.id}&from=${from}&to=${to}&groupBy=child`;
    const rows = (await get(leader, province)).json<{ rows: unknown[]; total: { toHandle: number } }>();
    const p1 = summary(await timeMany(requests, () => get(leader, province)));
    print(
      `${`province handling report ${year}, ${rows.rows.length} child rows (${rows.total.toHandle} items)`.padEnd(58)} ${String(p1.p50).padStart(8)} ${String(p1.p99).padStart(8)}  p99 < 200`,
    );
    const drill = `/reports/handling?organizationId=${commune.id}&from=${from}&to=${to}&groupBy=person`;
    const people = (await get(leader, drill)).json<{ rows: unknown[] }>();
    const p2 = summary(await timeMany(requests, () => get(leader, drill)));
    print(
      `${`drill-down: one commune's people (${people.rows.length} rows)`.padEnd(58)} ${String(p2.p50).padStart(8)} ${String(p2.p99).padStart(8)}  p99 < 50`,
    );

    // The register export, through the service into a sink that counts bytes (as a response would).
    const clerk = await userOf(root.id, 'clerk');
    const principal = await container.services.users.authenticate(await login(clerk));
    const [{ entries }] = await raw<{ entries: number }[]>`
      select count(*)::int as entries from documents where owner_organization_id = ${root.id} and direction = 'incoming'
         and registered_at >= ${from}::date and registered_at < ${to}::date + 1 and confidentiality = 'normal'`;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const t0 = performance.now();
    const file = await container.services.reportRegisters.export(principal, 'incoming', {
      organizationId: root.id,
      from,
      to,
      format: 'xlsx',
    });
    await file.write(sink);
    await new Promise((r) => (sink.writableFinished ? r(null) : sink.once('finish', r)));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    print('');
    print(
      `XLSX incoming register ${year}, province office: ${entries.toLocaleString('en')} rows in ${round(seconds, 1)} s = ${Math.round(entries / seconds)} rows/s, ${round(bytes / 1e6, 1)} MB; peak RSS ${round(peak / 1e6)} MB (${round((peak - rssBefore) / 1e6)} MB above the start)`,
    );

    await upkeepCost(raw, container, Number(values.completions));
    await app.close();
  } finally {
    await raw.end();
    await container.close();
  }
}

/**
 * The upkeep's share of a handling transaction: leads completed through the handling service
 * (lock, checks, writes, status feedback, audit, upkeep) against the upkeep alone applied to the same
 * kind of change (the lead and its document marked done in a transaction rolled back afterwards).
 */
async function upkeepCost(raw: postgres.Sql, container: ReturnType<typeof createContainer>, n: number) {
  const open = await raw<{ id: string; document_id: string; username: string }[]>`
    select a.id, a.document_id, u.username
      from assignments a
      join documents d on d.id = a.document_id and d.status = 'in_progress'
      join role_grants g on g.organization_id = a.assignee_unit_id and g.role = 'leader'
      join users u on u.id = g.user_id
     where a.parent_id is null and a.role = 'lead' and a.status = 'open'
     order by a.document_id
     limit ${2 * n}`;
  if (open.length < 2 * n) throw new Error(`only ${open.length} open leads to complete`);
  const reports = createReportsService({
    db: container.db,
    reportsRepo: createReportsRepo(),
    aggregatesRepo: createAggregatesRepo(),
    sentRepo: createSentReportRepo(),
    calendar: { today: () => new Date().toISOString().slice(0, 10) },
    audit: createAuditService({ db: container.db, auditRepo: createAuditRepo() }),
  });
  const principals = new Map<string, Awaited<ReturnType<typeof container.services.users.authenticate>>>();
  const principalOf = async (username: string) => {
    if (!principals.has(username)) {
      const { accessToken } = await container.services.users.login(username, DEMO_PASSWORD, '127.0.0.1');
      principals.set(username, await container.services.users.authenticate(accessToken));
    }
    return principals.get(username)!;
  };
  for (const a of open.slice(0, n)) await principalOf(a.username);
  const full: number[] = [];
  for (const a of open.slice(0, n)) {
    const p = await principalOf(a.username);
    const t = performance.now();
    await container.services.handling.assignments.complete(p, a.id, { result: 'Đã giải quyết' });
    full.push(performance.now() - t);
  }
  const alone: number[] = [];
  class Rollback extends Error {}
  for (const a of open.slice(n)) {
    await container.db
      .transaction(async (tx) => {
        await tx.execute(sql`update assignments set status = 'done', completed_at = now() where id = ${a.id}`);
        await tx.execute(sql`update documents set status = 'completed', completed_at = now() where id = ${a.document_id}`);
        const t = performance.now();
        await reports.upkeep(tx, a.document_id);
        alone.push(performance.now() - t);
        throw new Rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err;
      });
  }
  const f = median(full);
  const u = median(alone);
  print('');
  print(`completing a lead (handling transaction, upkeep included): median ${round(f)} ms (p99 ${summary(full).p99} ms, ${n} documents)`);
  print(
    `upkeep alone on the same change: median ${round(u)} ms (p99 ${summary(alone).p99} ms) = ${round((u / f) * 100, 1)}% of the transaction`,
  );
}

const secs = (t: number) => round((performance.now() - t) / 1000, 1);

async function count(raw: postgres.Sql, table: string): Promise<number> {
  const [{ n }] = await raw.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return n;
}

/**
 * Set-based seed over the scale tree (province → districts → communes → divisions). Owners are
 * the province (a fifth of the mail), the districts and the communes; document i was registered
 * i × 30 s ago (a million span about a year). Each has five assignments: a lead unit (a child of
 * the owner, top level, with the deadline), a lead person inside it (the lead's division), a
 * coordinating unit, a coordinating and an informed person of the owner. The 15,000 newest are
 * open; the older ones were completed 1 to 15 days after registration against a 10-day deadline
 * (about a quarter late), except those whose completion would lie in the future, which stay open:
 * nothing is done after today (a completion after the report's as-of date would make its open
 * counts negative).
 */
async function seed(raw: postgres.Sql, rootId: string): Promise<void> {
  await raw.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`set local work_mem = '256MB'`;
    await tx`
      create temp table bench_people on commit drop as
      select organization_id as id, array_agg(id order by id) as people from users group by organization_id`;
    await tx`
      create temp table bench_owner on commit drop as
      select (row_number() over (order by o.id = ${rootId} desc, o.path) - 1)::int as idx, o.id,
             (select array_agg(c.id order by c.id) from organizations c where c.parent_id = o.id) as units,
             (select p.people from bench_people p where p.id = o.id) as people
        from organizations o
       where o.level in ('province', 'district', 'commune') and o.path <@ (select path from organizations where id = ${rootId})`;
    await tx`create index on bench_owner (idx)`;
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from bench_owner`;
    await tx`
      insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, issuer_name, urgency, confidentiality, status,
                             due_date, incoming_number, registered_at, completed_at, search_text, created_at, updated_at)
      select md5('doc' || i)::uuid, 'incoming', o.id, 'Công văn', ((i % 9000) + 1)::text, 'UBND-VP',
             'Về việc triển khai nhiệm vụ số ' || i, 'Bộ Nội vụ', 'normal', 'normal',
             case when c.done then 'completed' else 'in_progress' end,
             (c.at + interval '10 days')::date, ${DOCUMENTS} - i, c.at,
             case when c.done then c.done_at end,
             ((i % 9000) + 1)::text || ' ubnd-vp ve viec trien khai nhiem vu so ' || i,
             c.at, c.at
        from generate_series(0, ${DOCUMENTS - 1}) as i
        join bench_owner o on o.idx = case when i % 5 = 0 then 0 else 1 + ((i::bigint * 7919) % ${n - 1})::int end
        cross join lateral (select now() - make_interval(secs => i * 30) as at) r
        cross join lateral (select r.at + make_interval(days => 1 + (i % 15)) as done_at) t
        cross join lateral (select r.at, t.done_at, i >= 15000 and t.done_at < now() as done) c`;
    await tx`
      insert into assignments (id, document_id, parent_id, assigner_id, assignee_user_id, assignee_unit_id, role, due_date, allotted_working_days,
                               status, completed_at, created_at, updated_at)
      select md5(d.id::text || k)::uuid, d.id,
             case when k = 2 then md5(d.id::text || 1)::uuid end,
             o.people[1],
             case when k = 2 then coalesce(lp.people[1 + (hh.h % cardinality(lp.people))], o.people[1])
                  when k >= 4 then o.people[1 + ((hh.h + k) % cardinality(o.people))] end,
             case when k in (1, 3) then o.units[1 + ((hh.h + k) % cardinality(o.units))] end,
             case k when 1 then 'lead' when 2 then 'lead' when 5 then 'inform' else 'coordinate' end,
             d.due_date, 8,
             case when d.status = 'completed' then 'done' else 'open' end,
             d.completed_at,
             d.created_at + make_interval(mins => 30 + k), d.created_at + make_interval(mins => 30 + k)
        from documents d
        join bench_owner o on o.id = d.owner_organization_id
        cross join lateral (select (hashtext(d.id::text) & 2147483647) as h) hh
        cross join lateral (select o.units[1 + ((hh.h + 1) % cardinality(o.units))] as lead_unit) lu
        left join bench_people lp on lp.id = lu.lead_unit
        cross join generate_series(1, ${ASSIGNMENTS_PER_DOCUMENT}) k`;
  });
  await raw`vacuum (analyze)`;
}
