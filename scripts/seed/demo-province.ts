import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../src/db/client.js';
import { organizations, roleGrants, users, type Role } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/auth/passwords.js';
import type { AuditService } from '../../src/modules/audit/audit.service.js';
import { pathLabel } from '../../src/modules/orgs/orgs.repo.js';

/** Password of every demo user (README.md, `npm start` print it). */
export const DEMO_PASSWORD = 'demo12345';

const PROVINCE_CODE = 'H41';

// Departments (Sở) of the provincial People's Committee, with the abbreviations used in notations.
const DEPARTMENTS: [string, string][] = [
  ['Sở Nội vụ', 'SNV'],
  ['Sở Tài chính', 'STC'],
  ['Sở Tư pháp', 'STP'],
  ['Sở Công Thương', 'SCT'],
  ['Sở Nông nghiệp và Môi trường', 'SNNMT'],
  ['Sở Xây dựng', 'SXD'],
  ['Sở Khoa học và Công nghệ', 'SKHCN'],
  ['Sở Giáo dục và Đào tạo', 'SGDĐT'],
  ['Sở Y tế', 'SYT'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'SVHTTDL'],
  ['Sở Dân tộc và Tôn giáo', 'SDTTG'],
  ['Thanh tra tỉnh', 'TTr'],
  ['Sở Ngoại vụ', 'SNgV'],
  ['Ban Quản lý Khu kinh tế Đông Nam', 'BQLKKT'],
  ['Sở Lao động - Thương binh và Xã hội', 'SLĐTBXH'],
  ['Sở Kế hoạch và Đầu tư', 'SKHĐT'],
  ['Sở Giao thông vận tải', 'SGTVT'],
  ['Sở Thông tin và Truyền thông', 'STTTT'],
  ['Sở Tài nguyên và Môi trường', 'STNMT'],
  ['Ban Dân tộc tỉnh', 'BDT'],
];

// District-level units of the province before the 2025 reform: [name, kind, commune prefix].
const DISTRICTS: [string, 'city' | 'town' | 'district', string][] = [
  ['Thành phố Vinh', 'city', ''],
  ['Thị xã Cửa Lò', 'town', ''],
  ['Thị xã Thái Hòa', 'town', ''],
  ['Thị xã Hoàng Mai', 'town', 'Quỳnh'],
  ['Huyện Quỳnh Lưu', 'district', 'Quỳnh'],
  ['Huyện Diễn Châu', 'district', 'Diễn'],
  ['Huyện Yên Thành', 'district', 'Yên'],
  ['Huyện Nghi Lộc', 'district', 'Nghi'],
  ['Huyện Hưng Nguyên', 'district', 'Hưng'],
  ['Huyện Nam Đàn', 'district', 'Nam'],
  ['Huyện Thanh Chương', 'district', 'Thanh'],
  ['Huyện Đô Lương', 'district', 'Đà'],
  ['Huyện Anh Sơn', 'district', 'Tường'],
  ['Huyện Con Cuông', 'district', 'Môn'],
  ['Huyện Tân Kỳ', 'district', 'Tân'],
  ['Huyện Nghĩa Đàn', 'district', 'Nghĩa'],
  ['Huyện Quỳ Hợp', 'district', 'Châu'],
  ['Huyện Tương Dương', 'district', 'Tam'],
];
const URBAN_WARDS = [
  'Bến Thủy',
  'Hưng Bình',
  'Lê Lợi',
  'Quang Trung',
  'Trường Thi',
  'Hồng Sơn',
  'Nghi Hải',
  'Thu Thủy',
  'Quang Phong',
  'Hòa Hiếu',
];
const COMMUNE_SUFFIXES = ['Xuân', 'Hòa', 'Phú', 'Thịnh', 'An', 'Bình', 'Minh', 'Long', 'Sơn', 'Phúc'];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Hữu', 'Ngọc', 'Quang'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hạnh',
  'Hoa',
  'Hùng',
  'Hương',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vinh',
];

/** Deterministic names, so the demo data is the same on every machine. */
export function nameAt(i: number): string {
  return `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 13) % GIVEN.length]}`;
}

const code = (l3: number, l2: number) => `000.${String(l3).padStart(2, '0')}.${String(l2).padStart(2, '0')}.${PROVINCE_CODE}`;

type OrgSeed = {
  id: string;
  parentId: string | null;
  path: string;
  code: string | null;
  name: string;
  abbreviation: string | null;
  level: string;
};
type UserSeed = { username: string; fullName: string; position: string; organizationId: string; grants: [string, Role][] };

/** The demo users named in README.md and printed by `npm start`. */
export const DEMO_LOGINS = [
  ['admin', 'system administrator of the province'],
  ['province.clerk', 'văn thư, UBND tỉnh'],
  ['province.leader', 'Chủ tịch UBND tỉnh'],
  ['province.specialist', 'chuyên viên, Văn phòng UBND tỉnh'],
  ['district.admin', 'administrator of Thành phố Vinh'],
  ['district.clerk', 'văn thư, UBND Thành phố Vinh'],
  ['district.leader', 'Chủ tịch UBND Thành phố Vinh'],
  ['commune.clerk', 'văn thư, UBND phường Bến Thủy'],
  ['commune.leader', 'Chủ tịch UBND phường Bến Thủy'],
] as const;

function buildTree() {
  const orgs: OrgSeed[] = [];
  const add = (parent: OrgSeed | null, o: Omit<OrgSeed, 'id' | 'parentId' | 'path'>): OrgSeed => {
    const id = randomUUID();
    const row = { ...o, id, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id) };
    orgs.push(row);
    return row;
  };

  const province = add(null, { code: code(0, 0), name: 'Ủy ban nhân dân tỉnh Nghệ An', abbreviation: 'UBND', level: 'province' });
  const office = add(province, { code: code(0, 1), name: 'Văn phòng Ủy ban nhân dân tỉnh', abbreviation: 'VP', level: 'department' });
  const officeUnits = [
    ['Phòng Kinh tế tổng hợp', 'KTTH'],
    ['Phòng Nội chính', 'NC'],
    ['Phòng Khoa giáo - Văn xã', 'KGVX'],
    ['Phòng Hành chính - Tổ chức', 'HCTC'],
  ].map(([name, abbr], i) => add(office, { code: code(i + 1, 1), name, abbreviation: abbr, level: 'division' }));

  const departments = DEPARTMENTS.map(([name, abbr], i) =>
    add(province, { code: code(0, i + 2), name, abbreviation: abbr, level: 'department' }),
  );
  // Internal units (phòng) under a few departments.
  const departmentUnits: Record<string, [string, string][]> = {
    SNV: [
      ['Văn phòng Sở', 'VP'],
      ['Phòng Tổ chức, biên chế', 'TCBC'],
      ['Phòng Cải cách hành chính', 'CCHC'],
    ],
    STC: [
      ['Văn phòng Sở', 'VP'],
      ['Phòng Quản lý ngân sách', 'QLNS'],
      ['Phòng Tài chính đầu tư', 'TCĐT'],
    ],
    SYT: [
      ['Văn phòng Sở', 'VP'],
      ['Phòng Nghiệp vụ Y', 'NVY'],
    ],
  };
  departments.forEach((d, i) =>
    (departmentUnits[d.abbreviation!] ?? []).forEach(([name, abbr], j) =>
      add(d, { code: code(j + 1, i + 2), name, abbreviation: abbr, level: 'division' }),
    ),
  );

  const districts = DISTRICTS.map(([name, kind, prefix], i) => {
    const d = add(province, {
      code: code(0, 30 + i),
      name: `Ủy ban nhân dân ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
      abbreviation: 'UBND',
      level: 'district',
    });
    const communes = Array.from({ length: kind === 'city' ? 6 : 4 }, (_, j) => {
      const ward = kind !== 'district';
      const base = ward ? URBAN_WARDS[(i * 3 + j) % URBAN_WARDS.length] : `${prefix} ${COMMUNE_SUFFIXES[j]}`;
      return add(d, {
        code: code(j + 1, 30 + i),
        name: `Ủy ban nhân dân ${ward ? 'phường' : 'xã'} ${base}`,
        abbreviation: 'UBND',
        level: ward ? 'ward' : 'commune',
      });
    });
    if (i < 3) {
      add(d, { code: null, name: 'Văn phòng HĐND và UBND', abbreviation: 'VP', level: 'division' });
      add(d, { code: null, name: 'Phòng Nội vụ', abbreviation: 'NV', level: 'division' });
      add(d, { code: null, name: 'Phòng Tài chính - Kế hoạch', abbreviation: 'TCKH', level: 'division' });
    }
    return { org: d, communes };
  });

  const vinh = districts[0];
  const benThuy = vinh.communes[0];
  const demoUsers: UserSeed[] = [
    {
      username: 'admin',
      fullName: 'Quản trị hệ thống',
      position: 'Quản trị viên',
      organizationId: office.id,
      grants: [[province.id, 'admin']],
    },
    {
      username: 'province.clerk',
      fullName: 'Nguyễn Thị Hồng',
      position: 'Văn thư',
      organizationId: office.id,
      grants: [
        [province.id, 'clerk'],
        [office.id, 'clerk'],
      ],
    },
    {
      username: 'province.leader',
      fullName: 'Lê Hồng Vinh',
      position: 'Chủ tịch',
      organizationId: province.id,
      grants: [[province.id, 'leader']],
    },
    {
      username: 'province.specialist',
      fullName: 'Trần Minh Quân',
      position: 'Chuyên viên',
      organizationId: officeUnits[0].id,
      grants: [[officeUnits[0].id, 'specialist']],
    },
    {
      username: 'district.admin',
      fullName: 'Phạm Văn Long',
      position: 'Quản trị viên',
      organizationId: vinh.org.id,
      grants: [[vinh.org.id, 'admin']],
    },
    {
      username: 'district.clerk',
      fullName: 'Hoàng Thu Trang',
      position: 'Văn thư',
      organizationId: vinh.org.id,
      grants: [[vinh.org.id, 'clerk']],
    },
    {
      username: 'district.leader',
      fullName: 'Trần Ngọc Sơn',
      position: 'Chủ tịch',
      organizationId: vinh.org.id,
      grants: [[vinh.org.id, 'leader']],
    },
    { username: 'commune.clerk', fullName: 'Võ Thị Mai', position: 'Văn thư', organizationId: benThuy.id, grants: [[benThuy.id, 'clerk']] },
    {
      username: 'commune.leader',
      fullName: 'Đặng Quang Hải',
      position: 'Chủ tịch',
      organizationId: benThuy.id,
      grants: [[benThuy.id, 'leader']],
    },
  ];

  // A clerk and a leader for every department and district, a specialist in every internal unit.
  let n = 0;
  const staff: UserSeed[] = [];
  for (const d of [...departments, ...districts.slice(1).map((x) => x.org)]) {
    const slug = d.code!.split('.')[2];
    staff.push({ username: `u${slug}.clerk`, fullName: nameAt(n++), position: 'Văn thư', organizationId: d.id, grants: [[d.id, 'clerk']] });
    staff.push({
      username: `u${slug}.leader`,
      fullName: nameAt(n++),
      position: d.level === 'district' ? 'Chủ tịch' : 'Giám đốc',
      organizationId: d.id,
      grants: [[d.id, 'leader']],
    });
  }
  for (const o of orgs.filter((x) => x.level === 'division')) {
    staff.push({
      username: `cv${String(n).padStart(3, '0')}`,
      fullName: nameAt(n++),
      position: 'Chuyên viên',
      organizationId: o.id,
      grants: [[o.id, 'specialist']],
    });
  }
  return { orgs, users: [...demoUsers, ...staff] };
}

export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from organizations`);
  return row.n === 0;
}

/**
 * Seeds the demo province (about 150 units, 90 users) in one transaction, with one audit event.
 * Refuses to run on a database that already has organisations.
 */
export async function seedDemoProvince({ db, audit }: { db: Db; audit: Pick<AuditService, 'record'> }) {
  const { orgs, users: people } = buildTree();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) throw new Error('the database already has organizations; the demo seed runs only on an empty one');
    await tx.insert(organizations).values(orgs);
    const inserted = await tx
      .insert(users)
      .values(people.map(({ grants: _g, ...u }) => ({ ...u, passwordHash })))
      .returning({ id: users.id, username: users.username });
    const idOf = new Map(inserted.map((u) => [u.username, u.id]));
    await tx
      .insert(roleGrants)
      .values(people.flatMap((u) => u.grants.map(([organizationId, role]) => ({ userId: idOf.get(u.username)!, organizationId, role }))));
    await audit.record(tx, {
      actorId: null,
      organizationId: orgs[0].id,
      action: 'seed.demo',
      subjectType: 'deployment',
      subjectId: null,
      details: { organizations: orgs.length, users: people.length },
    });
  });
  return { organizations: orgs.length, users: people.length };
}
