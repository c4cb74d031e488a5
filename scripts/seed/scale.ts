import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import { organizations, roleGrants, users, type Role } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import type { AuditService } from '../../src/modules/audit/audit.service.js';
import { pathLabel } from '../../src/modules/orgs/orgs.repo.js';
import { DEMO_PASSWORD, nameAt } from './demo-province.js';

export type ScaleOptions = { units: number; users: number };

const BATCH = 5000;

/**
 * A large province for benchmarks: a root, then districts, communes under them and internal units
 * under the communes, until `units` units exist; `users` users spread over them, round robin: in each
 * unit a clerk, then a leader (the province, districts and communes; Chủ tịch), then specialists,
 * with Vietnamese names as common as real ones (the people pickers search them). Every generated user
 * shares one password hash (hashing 100,000 passwords would take an hour and prove nothing). Returns
 * the ids the benchmarks query.
 */
export async function seedScale({ db, audit }: { db: Db; audit: Pick<AuditService, 'record'> }, { units, users: userCount }: ScaleOptions) {
  const districtCount = Math.max(1, Math.round(Math.sqrt(units / 40)));
  const communesPerDistrict = Math.max(1, Math.round((units / districtCount - 1) / 5));

  type Row = typeof organizations.$inferInsert & { id: string; path: string };
  const rows: Row[] = [];
  const add = (parent: Row | null, name: string, level: string, code: string | null): Row => {
    const id = randomUUID();
    const row = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id),
      name,
      level,
      code,
      abbreviation: 'UBND',
    };
    rows.push(row);
    return row;
  };
  const tag = randomUUID().slice(0, 4).toUpperCase();
  const root = add(null, `Ủy ban nhân dân tỉnh Quy Mô ${tag}`, 'province', null);
  const communes: Row[] = [];
  for (let d = 0; d < districtCount && rows.length < units; d++) {
    const district = add(root, `Ủy ban nhân dân huyện Quy Mô ${d + 1}`, 'district', null);
    for (let c = 0; c < communesPerDistrict && rows.length < units; c++) {
      const commune = add(district, `Ủy ban nhân dân xã Quy Mô ${d + 1}-${c + 1}`, 'commune', null);
      communes.push(commune);
      for (let k = 0; k < 4 && rows.length < units; k++) add(commune, `Bộ phận ${k + 1} xã Quy Mô ${d + 1}-${c + 1}`, 'division', null);
    }
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const roleOf = (i: number): Role => {
    const nth = Math.floor(i / rows.length);
    if (nth === 0) return 'clerk';
    return nth === 1 && rows[i % rows.length].level !== 'division' ? 'leader' : 'specialist';
  };
  const POSITIONS = { clerk: 'Văn thư', leader: 'Chủ tịch', specialist: 'Chuyên viên', admin: 'Quản trị viên' } as const;
  const userRows = Array.from({ length: userCount }, (_, i) => ({
    id: randomUUID(),
    username: `scale-${tag.toLowerCase()}-${i}`,
    fullName: nameAt(i),
    position: POSITIONS[roleOf(i)],
    organizationId: rows[i % rows.length].id,
    passwordHash,
  }));

  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) await tx.insert(organizations).values(rows.slice(i, i + BATCH));
    for (let i = 0; i < userRows.length; i += BATCH) {
      const batch = userRows.slice(i, i + BATCH);
      await tx.insert(users).values(batch);
      await tx.insert(roleGrants).values(batch.map((u, j) => ({ userId: u.id, organizationId: u.organizationId, role: roleOf(i + j) })));
    }
    await audit.record(tx, {
      actorId: null,
      organizationId: root.id,
      action: 'seed.scale',
      subjectType: 'deployment',
      subjectId: null,
      details: { units: rows.length, users: userRows.length },
    });
  });
  return {
    rootId: root.id,
    communeIds: communes.map((c) => c.id),
    usernames: userRows.map((u) => u.username),
    /** The users of unit `k` of the seed (0: the root) are userIds[k], userIds[k + units], ...: its clerk first, then its leader. */
    userIds: userRows.map((u) => u.id),
    units: rows.length,
    users: userRows.length,
  };
}
