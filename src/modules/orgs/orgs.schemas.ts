import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, PageQuery, Uuid } from '../../lib/schemas.js';

export const OrganizationDto = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  code: Nullable(Type.String()),
  /** False when the code does not have the standard shape 000.00.00.X00 (kept as given all the same). */
  codeIsStandard: Type.Boolean(),
  name: Type.String(),
  abbreviation: Nullable(Type.String()),
  level: Type.String(),
  depth: Type.Integer(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
});
export type OrganizationDto = Static<typeof OrganizationDto>;

const Link = Type.Object({
  id: Uuid,
  name: Type.String(),
  code: Nullable(Type.String()),
  kind: Type.String(),
  effectiveDate: Type.String(),
});

export const OrganizationDetail = Type.Intersect([
  OrganizationDto,
  Type.Object({
    ancestors: Type.Array(OrganizationDto),
    predecessors: Type.Array(Link),
    successors: Type.Array(Link),
    nameHistory: Type.Array(
      Type.Object({ name: Type.String(), abbreviation: Nullable(Type.String()), code: Nullable(Type.String()), validTo: Type.String() }),
    ),
  }),
]);

const Name = Type.String({ minLength: 1, maxLength: 300 });
const Abbreviation = Type.String({ minLength: 1, maxLength: 30 });
const Code = Type.String({ minLength: 1, maxLength: 60 });
const Level = Type.String({
  minLength: 1,
  maxLength: 40,
  description:
    'a label: central, province, district, department, division; the commune tier uses commune (xã), ward (phường), township (thị trấn), special_zone (đặc khu)',
});

export const CreateOrganizationBody = Type.Object({
  parentId: Uuid,
  name: Name,
  abbreviation: Type.Optional(Abbreviation),
  code: Type.Optional(Code),
  level: Level,
  validFrom: Type.Optional(IsoDate),
});
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = Type.Object({
  name: Type.Optional(Name),
  abbreviation: Type.Optional(Nullable(Abbreviation)),
  code: Type.Optional(Nullable(Code)),
  level: Type.Optional(Level),
  effectiveDate: Type.Optional(IsoDate),
});
export type UpdateOrganizationBody = Static<typeof UpdateOrganizationBody>;

export const MoveOrganizationBody = Type.Object({ newParentId: Uuid });

export const MergeOrganizationsBody = Type.Object({
  sourceIds: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }),
  /**
   * Merge into an existing unit (`organizationId`), or into a new one created under `parentId` with
   * `name`, `level` and optionally `abbreviation` and `code`. (One flat object rather than a union:
   * AJV's removeAdditional would strip the second branch's properties while trying the first.)
   */
  into: Type.Object({
    organizationId: Type.Optional(Uuid),
    parentId: Type.Optional(Uuid),
    name: Type.Optional(Name),
    abbreviation: Type.Optional(Abbreviation),
    code: Type.Optional(Code),
    level: Type.Optional(Level),
  }),
  effectiveDate: Type.Optional(IsoDate),
});
export type MergeOrganizationsBody = Static<typeof MergeOrganizationsBody>;

export const DissolveOrganizationBody = Type.Object({
  /** The current unit that takes over the dissolved unit's sub-units, staff and work. */
  successorId: Uuid,
  effectiveDate: Type.Optional(IsoDate),
});
export type DissolveOrganizationBody = Static<typeof DissolveOrganizationBody>;

export const SubtreeQuery = Type.Object({
  ...PageQuery,
  depth: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'levels below the unit; absent = all' })),
  includeHistorical: Type.Optional(Type.Boolean({ default: false })),
});
export type SubtreeQuery = Static<typeof SubtreeQuery>;

export const UnitsQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'words of the name, abbreviation or code, with or without diacritics, in any order' }),
  ),
});
export type UnitsQuery = Static<typeof UnitsQuery>;
