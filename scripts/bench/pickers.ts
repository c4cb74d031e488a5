// `npm run bench -- pickers [--units 10000] [--users 100000] [--n 300]`: seeds a large province and reports
// p50/p99 of the people picker (GET /users?q=, the service with its SQL) and of the unit picker for a clerk
// and a leader at the province and at a commune, next to a baseline measured in the same run: a user looked
// up by username through its unique index (the cheapest query on the same table).
import { parseArgs } from 'node:util';
import { createContainer } from '../../src/container.js';
import { seedScale } from '../seed/scale.js';
import type { Principal } from '../../src/modules/auth/principal.js';
import { createUsersRepo } from '../../src/modules/users/users.repo.js';
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
  const env = await createBenchEnvironment('pickers');
  const container = createContainer(env.config, { applicationName: 'vanthu-bench' });
  try {
    const t = performance.now();
    const seeded = await seedScale(
      { db: container.db, audit: container.services.audit },
      { units: Number(values.units), users: Number(values.users) },
    );
    // Vacuumed as a table in use is (autovacuum): statistics, and a visibility map for index-only reads.
    await container.sql`vacuum analyze`;
    print(`seeded ${seeded.units} units and ${seeded.users} users in ${round((performance.now() - t) / 1000, 1)} s`);

    const { users, orgs } = container.services;
    const usersRepo = createUsersRepo();
    const principal = async (id: string): Promise<Principal> => {
      const { active: _a, tokenVersion: _v, epoch: _e, ...p } = (await usersRepo.findPrincipal(container.db, id))!;
      return p;
    };
    /** The user holding `role` in unit `unitId` (the seed gives every unit one clerk, and the province, districts and communes one leader). */
    const holder = async (unitId: string, role: string) => {
      const [row] = await container.sql<
        { id: string }[]
      >`select user_id as id from role_grants where organization_id = ${unitId} and role = ${role} limit 1`;
      return principal(row.id);
    };
    const commune = seeded.communeIds[Math.floor(seeded.communeIds.length / 2)];
    const callers = {
      'clerk at the province': await holder(seeded.rootId, 'clerk'),
      'clerk at a commune': await holder(commune, 'clerk'),
      'leader at the province': await holder(seeded.rootId, 'leader'),
      'leader at a commune': await holder(commune, 'leader'),
    };

    // Names as people type them: the first letters, a family name shared by a twelfth of the province (one
    // late stretch of the name order), a full name, a given name with a title, a name nobody has, and no q
    // at all (the first page in name order).
    const [{ fullName }] = await container.sql<
      { fullName: string }[]
    >`select full_name as "fullName" from users where id = ${seeded.userIds[seeded.units * 3 + 7]}`;
    const queries: [string, string | undefined][] = [
      ['no q', undefined],
      ['"ng" (two letters most names have)', 'ng'],
      ['"nguyen" (a common family name)', 'nguyen'],
      [`"${fullName}" (a full name)`, fullName],
      ['"chu tich hung" (title and given name)', 'chu tich hung'],
      ['"khong ai" (nobody)', 'khong ai'],
    ];

    const baseline = summary(
      await timeMany(n, (i) => usersRepo.findByUsername(container.db, seeded.usernames[(i * 7919) % seeded.usernames.length])),
    );
    const rows: [string, { p50: number; p99: number; n: number }, number][] = [];
    for (const [who, p] of Object.entries(callers)) {
      for (const [label, q] of queries) {
        let found = 0;
        const s = summary(
          await timeMany(n, async () => {
            found = (await users.list(p, { q, limit: 20 })).items.length;
          }),
        );
        rows.push([`people, ${who}, ${label}`, s, found]);
      }
      let found = 0;
      const s = summary(
        await timeMany(n, async () => {
          found = (await orgs.search(p, { q: 'quy mo 3', limit: 20 })).items.length;
        }),
      );
      rows.push([`units, ${who}, "quy mo 3"`, s, found]);
    }

    print('');
    print(`| query (page of 20) | p50 ms | p99 ms | n | items | p50 / baseline |`);
    print(`| --- | --- | --- | --- | --- | --- |`);
    print(`| baseline: a user by username (unique index) | ${baseline.p50} | ${baseline.p99} | ${baseline.n} | 1 | 1 |`);
    for (const [name, s, found] of rows) print(`| ${name} | ${s.p50} | ${s.p99} | ${s.n} | ${found} | ${round(s.p50 / baseline.p50, 1)} |`);
  } finally {
    await container.close();
    await env.close();
  }
}
