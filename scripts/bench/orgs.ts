// `npm run bench -- orgs [--units 10000] [--users 100000]`: seeds a large province and reports p50/p99 of
// a subtree query at the province root and at a commune, of an ancestor query, and of login, each
// next to a baseline measured in the same run (a `select 1` round trip; one scrypt hash).
import { parseArgs } from 'node:util';
import { buildApp } from '../../src/app.js';
import { createContainer } from '../../src/container.js';
import { seedScale } from '../seed/scale.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import { createOrgsRepo } from '../../src/modules/orgs/orgs.repo.js';
import { DEMO_PASSWORD } from '../seed/demo-province.js';
import { createBenchEnvironment, print, round, summary, timeMany } from './lib.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      units: { type: 'string', default: '10000' },
      users: { type: 'string', default: '100000' },
      n: { type: 'string', default: '300' },
    },
  });
  const n = Number(values.n);
  const env = await createBenchEnvironment('orgs', { extraEnv: { LOGIN_MAX_FAILURES: '1000000' } });
  const container = createContainer(env.config, { applicationName: 'vanthu-bench' });
  try {
    let t = performance.now();
    const seeded = await seedScale(
      { db: container.db, audit: container.services.audit },
      { units: Number(values.units), users: Number(values.users) },
    );
    await container.sql`analyze`;
    print(`seeded ${seeded.units} units and ${seeded.users} users in ${round((performance.now() - t) / 1000, 1)} s`);

    const { orgs } = container.services;
    // The repository's own queries, measured without the service around them.
    const orgsRepo = createOrgsRepo();
    const root = await orgsRepo.findById(container.db, seeded.rootId);
    const communes = seeded.communeIds;

    const baseline = summary(await timeMany(n, () => container.sql`select 1`));
    const rootPage = summary(await timeMany(n, () => orgs.subtree(seeded.rootId, { limit: 100 })));
    const rootWhole = summary(
      await timeMany(
        Math.min(n, 100),
        () => container.sql`select id from organizations where path <@ ${root!.path}::ltree and valid_to is null`,
      ),
    );
    const communeSubtree = summary(await timeMany(n, (i) => orgs.subtree(communes[(i * 7919) % communes.length], { limit: 100 })));
    const ancestors = summary(
      await timeMany(n, async (i) => {
        const c = await orgsRepo.findById(container.db, communes[(i * 104729) % communes.length]);
        return orgsRepo.ancestors(container.db, c!.path);
      }),
    );

    const app = await buildApp(container, { logger: false });
    await app.ready();
    const scrypt = summary(await timeMany(Math.min(n, 100), () => hashPassword(DEMO_PASSWORD), 3));
    const login = summary(
      await timeMany(
        Math.min(n, 200),
        async (i) => {
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: seeded.usernames[(i * 7919) % seeded.usernames.length], password: DEMO_PASSWORD },
          });
          if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
        },
        5,
      ),
    );
    t = performance.now();
    const concurrent = 200;
    await Promise.all(
      Array.from({ length: concurrent }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: seeded.usernames[i], password: DEMO_PASSWORD } }),
      ),
    );
    const loginsPerSecond = concurrent / ((performance.now() - t) / 1000);
    await app.close();

    const rows = [
      ['baseline: select 1 round trip', baseline],
      ['subtree at province root, first page of 100 (service)', rootPage],
      [`subtree at province root, all ${seeded.units} ids (SQL)`, rootWhole],
      ['subtree at a commune (service)', communeSubtree],
      ['ancestors of a commune (SQL)', ancestors],
      ['baseline: one scrypt hash', scrypt],
      ['login, POST /auth/login (in-process inject)', login],
    ] as const;
    print('');
    print(`| query | p50 ms | p99 ms | n | p50 / its baseline |`);
    print(`| --- | --- | --- | --- | --- |`);
    for (const [name, s] of rows) {
      const base = name.startsWith('login') ? scrypt : baseline;
      print(`| ${name} | ${s.p50} | ${s.p99} | ${s.n} | ${name.startsWith('baseline') ? '1' : round(s.p50 / base.p50, 1)} |`);
    }
    print(
      `\nlogin throughput, ${concurrent} concurrent: ${round(loginsPerSecond, 1)} logins/s (scrypt runs on libuv's 4 threads over 2 cores)`,
    );
  } finally {
    await container.close();
    await env.close();
  }
}
