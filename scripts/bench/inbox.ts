/**
 * Inbox benchmark: the work lists on a large province. Seeds 1,000,000 documents and 5,000,000
 * assignments set-based (INSERT ... SELECT generate_series) over the demo organisations and users,
 * ANALYZEs, then measures through the HTTP API in-process (app.inject, authentication included)
 * and through the repositories alone (the SQL with its driver round trip):
 *   GET /api/v1/assignments?scope=mine&status=open      (the busiest user)
 *   GET /api/v1/assignments?scope=unit&status=overdue   (the head of a department)
 *   GET /api/v1/documents?status=in_progress            (the province's clerk, and its leader who sees the whole province)
 *   GET /api/v1/documents?q=...                          (a frequent phrase, as the clerk and the leader; a rare number)
 * and the next page of each via its cursor. Prints p50/p99 (goal p99 < 30 ms) and EXPLAIN ANALYZE
 * of each query once.
 *
 *   npm run bench -- inbox [--requests 400] [--documents 1000000] [--reuse] [--only assignments|documents]
 *
 * Uses its own database vanthu_bench_inbox (--reuse keeps an already seeded one).
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import * as schema from '../../src/db/schema/index.js';
import { DEMO_PASSWORD, seedDemoProvince } from '../seed/demo-province.js';
import { runMigrations } from '../../src/db/migrate.js';
import { foldVietnamese } from '../../src/lib/text.js';
import type { Principal } from '../../src/modules/auth/principal.js';
import { createDocumentsRepo } from '../../src/modules/documents/documents.repo.js';
import { createHandlingRepo } from '../../src/modules/handling/handling.repo.js';
import { createBenchEnvironment, print, round, summary, timeMany } from './lib.js';

const NAME = 'inbox';

const TOPICS = [
  'Về việc rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn',
  'Về việc triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn',
  'Về việc báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội',
  'Về việc tăng cường công tác quản lý đất đai trên địa bàn',
  'Về việc giao chỉ tiêu kế hoạch đầu tư công trung hạn',
  'Về việc tổ chức kỳ thi tốt nghiệp trung học phổ thông',
  'Về việc phòng, chống dịch bệnh trên đàn gia súc, gia cầm',
  'Về việc thực hiện chính sách đối với người có công với cách mạng',
  'Về việc đẩy mạnh cải cách hành chính và chuyển đổi số',
  'Về việc kiểm tra công tác văn thư, lưu trữ năm',
  'Về việc xin ý kiến dự thảo quy định phân cấp quản lý',
  'Về việc tổ chức các hoạt động kỷ niệm ngày lễ lớn',
  'Về việc quyết toán ngân sách nhà nước năm',
  'Về việc tuyển dụng công chức, viên chức',
  'Về việc bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán',
  'Về việc giải quyết đơn thư khiếu nại, tố cáo của công dân',
  'Về việc hỗ trợ hộ nghèo, hộ cận nghèo xây dựng nhà ở',
  'Về việc bảo vệ môi trường làng nghề',
  'Về việc thu hồi đất thực hiện dự án đường giao thông',
  'Về việc điều chỉnh quy hoạch sử dụng đất',
];
const TYPES = ['Công văn', 'Quyết định', 'Kế hoạch', 'Báo cáo', 'Thông báo', 'Tờ trình', 'Giấy mời', 'Hướng dẫn'];

type Scenario = { name: string; as: string; url: string; sql: (p: Principal) => Promise<unknown> };

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      requests: { type: 'string', default: '400' },
      documents: { type: 'string', default: '1000000' },
      reuse: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const requests = Number(values.requests);
  const documentCount = Number(values.documents);

  let databaseUrl: string;
  let closeEnv = async () => {};
  let config;
  if (values.reuse) {
    const base = loadConfig();
    const url = new URL(base.db.url);
    url.pathname = `/vanthu_bench_${NAME}`;
    databaseUrl = url.toString();
    await runMigrations(databaseUrl);
    config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${NAME}` });
  } else {
    const env = await createBenchEnvironment(NAME);
    databaseUrl = env.databaseUrl;
    config = env.config;
    closeEnv = env.close;
  }
  const container = createContainer(config, { applicationName: 'vanthu-bench-inbox' });
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });

  try {
    const [{ n: existing }] = await raw<{ n: number }[]>`select count(*)::int as n from documents`;
    if (!values.reuse || existing === 0) {
      await seedDemoProvince({ db: container.db, audit: container.services.audit });
      const t0 = performance.now();
      await seed(raw, documentCount);
      print(
        `seeded ${documentCount.toLocaleString('en')} documents and ${(await count(raw, 'assignments')).toLocaleString('en')} assignments in ${round((performance.now() - t0) / 1000, 1)} s (incl. VACUUM ANALYZE)`,
      );
    } else {
      print(`reusing ${existing.toLocaleString('en')} documents, ${(await count(raw, 'assignments')).toLocaleString('en')} assignments`);
    }

    const app = await buildApp(container, { logger: false });
    await app.ready();
    const tokens = new Map<string, string>();
    const principals = new Map<string, Principal>();
    const login = async (username: string) => {
      if (!tokens.has(username)) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
        const token = res.json<{ accessToken: string }>().accessToken;
        tokens.set(username, token);
        principals.set(username, await container.services.users.authenticate(token));
      }
      return tokens.get(username)!;
    };
    const get = async (as: string, url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await login(as)}` } });
      if (res.statusCode !== 200) throw new Error(`GET ${url} as ${as}: ${res.statusCode} ${res.body}`);
      return res.json<{ items: unknown[]; nextCursor: string | null }>();
    };

    // The busiest user (most open assignments) and a department head with overdue work.
    const [busy] = await raw<{ username: string; n: number }[]>`
      select u.username, count(*)::int as n from assignments a join users u on u.id = a.assignee_user_id
       where a.status = 'open' group by u.username order by n desc limit 1`;
    const [head] = await raw<{ username: string; n: number }[]>`
      select u.username, count(*)::int as n from assignments a join role_grants g on g.organization_id = a.assignee_unit_id and g.role = 'leader' join users u on u.id = g.user_id
       where a.status = 'open' and a.overdue_since is not null group by u.username order by n desc limit 1`;
    print(`busiest user ${busy.username}: ${busy.n} open assignments; head ${head.username}: ${head.n} overdue assignments of the unit`);

    // A drizzle instance that remembers the statements of a call, to EXPLAIN exactly what the repos run
    // (the last one), with the settings the call made for itself (set_config(..., true) in its transaction).
    let logged: { query: string; params: unknown[] }[] = [];
    const explainDb = drizzle(raw, {
      schema,
      casing: 'snake_case',
      logger: { logQuery: (query, params) => logged.push({ query, params }) },
    });
    const handlingRepo = createHandlingRepo();
    const documentsRepo = createDocumentsRepo();
    const frequentQ = 'chống thiên tai';
    const rareQ = '4321 UBND-VP';
    const frequent = foldVietnamese(frequentQ);
    const rare = foldVietnamese(rareQ);

    const scenarios: Scenario[] = [
      {
        name: 'assignments mine/open',
        as: busy.username,
        url: '/api/v1/assignments?scope=mine&status=open&limit=50',
        sql: (p) => handlingRepo.workList(container.db, { userId: p.id, status: 'open', limit: 51, principal: p }),
      },
      {
        name: 'assignments unit/overdue',
        as: head.username,
        url: '/api/v1/assignments?scope=unit&status=overdue&limit=50',
        sql: (p) => handlingRepo.workList(container.db, { unitIds: unitIdsOf(p), status: 'overdue', limit: 51, principal: p }),
      },
      {
        name: 'documents status=in_progress (clerk)',
        as: 'province.clerk',
        url: '/api/v1/documents?status=in_progress&limit=50',
        sql: (p) => documentsRepo.listVisible(container.db, p, { status: 'in_progress', limit: 51 }),
      },
      {
        name: 'documents status=in_progress (province leader)',
        as: 'province.leader',
        url: '/api/v1/documents?status=in_progress&limit=50',
        sql: (p) => documentsRepo.listVisible(container.db, p, { status: 'in_progress', limit: 51 }),
      },
      {
        name: 'documents q=frequent phrase (clerk)',
        as: 'province.clerk',
        url: `/api/v1/documents?q=${encodeURIComponent(frequentQ)}&limit=50`,
        sql: (p) => documentsRepo.listVisible(container.db, p, { foldedQuery: frequent, limit: 51 }),
      },
      {
        name: 'documents q=frequent phrase (province leader)',
        as: 'province.leader',
        url: `/api/v1/documents?q=${encodeURIComponent(frequentQ)}&limit=50`,
        sql: (p) => documentsRepo.listVisible(container.db, p, { foldedQuery: frequent, limit: 51 }),
      },
      {
        name: 'documents q=rare number (clerk)',
        as: 'province.clerk',
        url: `/api/v1/documents?q=${encodeURIComponent(rareQ)}&limit=50`,
        sql: (p) => documentsRepo.listVisible(container.db, p, { foldedQuery: rare, limit: 51 }),
      },
    ];

    print('');
    print(
      `${'scenario'.padEnd(52)} ${'HTTP p50'.padStart(9)} ${'HTTP p99'.padStart(9)} ${'SQL p50'.padStart(9)} ${'SQL p99'.padStart(9)}  (ms, ${requests} requests each)`,
    );
    const explains: string[] = [];
    for (const s of scenarios.filter((x) => !values.only || x.name.startsWith(values.only))) {
      await login(s.as);
      const p = principals.get(s.as)!;
      const first = await get(s.as, s.url);
      const pages: [string, string][] = [[s.name, s.url]];
      if (first.nextCursor) pages.push([`${s.name}, next page`, `${s.url}&cursor=${first.nextCursor}`]);
      for (const [name, url] of pages) {
        const http = summary(await timeMany(requests, () => get(s.as, url)));
        const sqlTimes = name === s.name ? summary(await timeMany(requests, () => s.sql(p))) : null;
        print(
          `${name.padEnd(52)} ${String(http.p50).padStart(9)} ${String(http.p99).padStart(9)} ${String(sqlTimes?.p50 ?? '').padStart(9)} ${String(sqlTimes?.p99 ?? '').padStart(9)}   items ${first.items.length}`,
        );
      }
      // EXPLAIN the statement the repo runs (through the logging drizzle instance).
      logged = [];
      await runWith(explainDb, s, p, handlingRepo, documentsRepo, frequent, rare);
      const last = logged[logged.length - 1];
      const plan = await raw.begin(async (tx) => {
        for (const settings of logged.filter((l) => l.query.startsWith('select set_config(')))
          await tx.unsafe(settings.query, settings.params as never[]);
        return tx.unsafe(`explain (analyze, buffers) ${last.query}`, last.params as never[]);
      });
      const lines = plan.map((r) => String(r['QUERY PLAN']));
      explains.push(
        `--- ${s.name}\n${lines
          .filter((l) => /Index|Scan|Execution Time|Planning Time|Sort|Limit/.test(l))
          .slice(0, 14)
          .join('\n')}`,
      );
    }
    print('');
    print('EXPLAIN ANALYZE (abridged):');
    for (const e of explains) print(e);
    await app.close();
  } finally {
    await raw.end();
    await container.close();
    await closeEnv();
  }
}

function unitIdsOf(p: Principal): string[] {
  return [...new Set(p.grants.filter((g) => g.role === 'leader' || g.role === 'clerk').map((g) => g.organizationId))];
}

async function runWith(
  db: Parameters<ReturnType<typeof createHandlingRepo>['workList']>[0],
  s: Scenario,
  p: Principal,
  handlingRepo: ReturnType<typeof createHandlingRepo>,
  documentsRepo: ReturnType<typeof createDocumentsRepo>,
  frequent: string,
  rare: string,
): Promise<void> {
  if (s.name.startsWith('assignments mine')) await handlingRepo.workList(db, { userId: p.id, status: 'open', limit: 51, principal: p });
  else if (s.name.startsWith('assignments unit'))
    await handlingRepo.workList(db, { unitIds: unitIdsOf(p), status: 'overdue', limit: 51, principal: p });
  else if (s.name.includes('frequent')) await documentsRepo.listVisible(db, p, { foldedQuery: frequent, limit: 51 });
  else if (s.name.includes('rare')) await documentsRepo.listVisible(db, p, { foldedQuery: rare, limit: 51 });
  else await documentsRepo.listVisible(db, p, { status: 'in_progress', limit: 51 });
}

async function count(raw: postgres.Sql, table: string): Promise<number> {
  const [{ n }] = await raw.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return n;
}

/**
 * Set-based seed. Owners are the units with a clerk (the province takes a fifth of the mail);
 * document i is (i × 63 s) old, so 1,000,000 documents span two years. The last ~2,000 are still
 * received or registered, the last 15,000 are in handling, and every twentieth older one is stale
 * in progress (overdue); the rest are completed. Each handled document has 5 assignments (lead,
 * two coordinating units, a coordinating and an informed person) inside its owner's subtree, plus a
 * sixth for the 10,000 newest handled ones (standing in for the 2,000 unassigned), so the total
 * is exactly 5 × documents.
 */
async function seed(raw: postgres.Sql, documentCount: number): Promise<void> {
  const subjects = TOPICS;
  const folded = TOPICS.map(foldVietnamese);
  await raw.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`set local work_mem = '256MB'`;
    await tx`
      create temp table bench_owner on commit drop as
      select (row_number() over (order by o.path) - 1)::int as idx, o.id, o.abbreviation,
             coalesce((select g.user_id from role_grants g where g.organization_id = o.id and g.role = 'leader' limit 1),
                      (select g.user_id from role_grants g join organizations po on po.id = g.organization_id where g.role = 'leader' and po.path @> o.path order by nlevel(po.path) desc limit 1)) as leader_id,
             coalesce((select array_agg(c.id order by c.id) from organizations c where c.parent_id = o.id and c.valid_to is null), array[o.id]) as units,
             (select array_agg(u.id order by u.id) from users u join organizations uo on uo.id = u.organization_id where uo.path <@ o.path) as people
        from organizations o
       where exists (select 1 from role_grants g where g.organization_id = o.id and g.role = 'clerk')`;
    // Ordered by path, the province (the root) is owner 0.
    const province = 0;
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from bench_owner`;
    await tx`create temp table bench_topic on commit drop as select (t.i - 1)::int as idx, t.subject, t.folded from unnest(${subjects}::text[], ${folded}::text[]) with ordinality as t(subject, folded, i)`;
    await tx`create temp table bench_type on commit drop as select (t.i - 1)::int as idx, t.name from unnest(${TYPES}::text[]) with ordinality as t(name, i)`;

    await tx`
      insert into documents (id, direction, owner_organization_id, type_name, number, notation, subject, issuer_name, urgency, confidentiality, status,
                             due_date, incoming_number, registered_at, completed_at, overdue_since, search_text, created_at, updated_at)
      select gen_random_uuid(),
             case when i % 20 = 1 then 'outgoing' when i % 20 = 2 then 'internal' else 'incoming' end,
             o.id, ty.name, c.num, c.notation, s.subj, 'Bộ Nội vụ',
             case when i % 500 = 0 then 'flash' when i % 50 = 0 then 'urgent' else 'normal' end,
             case when i % 1000 = 7 then 'secret' else 'normal' end,
             s.st, (c.created_at + interval '10 days')::date,
             case when s.st <> 'received' then i end,
             case when s.st <> 'received' then c.created_at + interval '2 hours' end,
             case when s.st = 'completed' then c.created_at + interval '6 days' end,
             case when s.st not in ('completed', 'received', 'registered') and c.created_at < now() - interval '11 days' then c.created_at + interval '11 days' end,
             (c.num || ' ' || lower(c.notation) || ' ' || tp.folded || ' ' || (i % 97)),
             c.created_at, c.created_at
        from generate_series(0, ${documentCount - 1}) as i
        join bench_owner o on o.idx = case when i % 5 = 0 then ${province} else ((i::bigint * 7919) % ${n})::int end
        join bench_topic tp on tp.idx = (i * 31) % ${subjects.length}
        join bench_type ty on ty.idx = (i * 13) % ${TYPES.length}
        cross join lateral (select now() - make_interval(secs => i * 63) as created_at,
                                   ((i % 9000) + 1)::text as num,
                                   coalesce(o.abbreviation, 'UBND') || '-VP' as notation) c
        cross join lateral (select tp.subject || ' ' || (i % 97) as subj,
                                   case when i < 2000 then (case when i % 2 = 0 then 'received' else 'registered' end)
                                        when i < 15000 then (case when i % 3 = 0 then 'assigned' else 'in_progress' end)
                                        when i % 20 = 0 then 'in_progress'
                                        else 'completed' end as st) s`;

    await tx`
      insert into assignments (document_id, assigner_id, assignee_user_id, assignee_unit_id, role, due_date, allotted_working_days, status, overdue_since, completed_at, created_at, updated_at)
      select d.id, o.leader_id,
             case when k >= 4 then o.people[1 + ((hashtext(d.id::text || k) & 2147483647) % cardinality(o.people))] end,
             case when k <= 3 then o.units[1 + ((hashtext(d.id::text || k) & 2147483647) % cardinality(o.units))] end,
             case k when 1 then 'lead' when 5 then 'inform' when 6 then 'inform' else 'coordinate' end,
             d.due_date, 8,
             case when d.status = 'completed' then 'done' else 'open' end,
             d.overdue_since,
             d.completed_at,
             d.created_at + make_interval(mins => 30 + k), d.created_at + make_interval(mins => 30 + k)
        from documents d
        join bench_owner o on o.id = d.owner_organization_id
        cross join generate_series(1, 6) k
       where d.status not in ('received', 'registered')
         and (k <= 5 or d.incoming_number < ${2000 + 5 * 2000})`;
  });
  // As autovacuum leaves a table that stopped changing: statistics, and the visibility map that lets
  // the work lists read their indexes alone (index-only scans).
  await raw`vacuum (analyze)`;
}
