import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, Uuid } from '../../lib/schemas.js';

const GroupBy = Type.Union([Type.Literal('child'), Type.Literal('unit'), Type.Literal('person')], {
  description:
    'child: the direct children of the organisation (and the organisation itself); unit: every unit of the subtree; person: the accountable people',
});

export const ReportQuery = Type.Object({
  organizationId: Uuid,
  from: IsoDate,
  to: IsoDate,
});
export type ReportQuery = Static<typeof ReportQuery>;

const Format = Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')], {
  description: 'json (default); xlsx or pdf: the same rows as an attachment (PDF A4 landscape)',
});

export const HandlingQuery = Type.Object({ ...ReportQuery.properties, groupBy: Type.Optional(GroupBy), format: Type.Optional(Format) });
export type HandlingQuery = Static<typeof HandlingQuery>;

export const AccountabilityQuery = Type.Object({
  ...ReportQuery.properties,
  groupBy: Type.Optional(GroupBy),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  format: Type.Optional(Format),
});
export type AccountabilityQuery = Static<typeof AccountabilityQuery>;

const Count = Type.Integer({ minimum: 0 });
const Percent = Type.Number({ minimum: 0, maximum: 100, description: 'a percentage rounded to 0.01; 0 when its base is 0' });

/** The counts of the handling report (definitions: reports.service.ts). */
export const HandlingCountsDto = Type.Object({
  carriedOver: Count,
  received: Count,
  toHandle: Count,
  doneOnTime: Count,
  doneLate: Count,
  onTimeRate: Percent,
  openInTime: Count,
  openOverdue: Count,
  overdueRate: Percent,
  lateRate: Percent,
});
export type HandlingCountsDto = Static<typeof HandlingCountsDto>;

const OrgRef = Type.Object({ id: Uuid, name: Type.String() });
const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() });

export const HandlingRowDto = Type.Union([
  Type.Object({ organization: OrgRef, ...HandlingCountsDto.properties }),
  Type.Object({ person: Nullable(PersonRef), ...HandlingCountsDto.properties }),
]);

export const HandlingReportDto = Type.Object({
  organization: OrgRef,
  from: IsoDate,
  to: IsoDate,
  groupBy: GroupBy,
  rows: Type.Array(HandlingRowDto),
  total: HandlingCountsDto,
});
export type HandlingReportDto = Static<typeof HandlingReportDto>;

const AccountabilityCounts = Type.Object({
  documents: Count,
  intervals: Count,
  overrunWorkingDays: Type.Integer({ minimum: 0, description: 'working days beyond the holders’ allowances, summed' }),
});

export const AccountabilityDto = Type.Object({
  organization: OrgRef,
  from: IsoDate,
  to: IsoDate,
  groupBy: GroupBy,
  rows: Type.Array(
    Type.Union([
      Type.Object({ organization: OrgRef, ...AccountabilityCounts.properties }),
      Type.Object({ person: Nullable(PersonRef), ...AccountabilityCounts.properties }),
    ]),
  ),
});
export type AccountabilityDto = Static<typeof AccountabilityDto>;

export const SentQuery = Type.Object({
  ...ReportQuery.properties,
  groupBy: Type.Optional(
    Type.Union([Type.Literal('level'), Type.Literal('recipient')], {
      description: 'level (default): per recipient level; recipient: per recipient (an organisation here, or a remote organ code)',
    }),
  ),
  format: Type.Optional(Format),
});
export type SentQuery = Static<typeof SentQuery>;

const RecipientLevel = Type.Union(
  [Type.Literal('central'), Type.Literal('province'), Type.Literal('district'), Type.Literal('commune'), Type.Literal('other')],
  {
    description:
      'central: a central body (organ code G..); province: the province or a body of it (its departments, organ code H..); district; commune (a ward too); other: none of these',
  },
);

export const SentCountsDto = Type.Object({
  sent: Type.Integer({ minimum: 0, description: 'copies sent in the period = notRegistered + inProgress + finished + refused' }),
  notRegistered: Type.Integer({ minimum: 0, description: 'not yet registered by the recipient (queued, arrived, failed)' }),
  inProgress: Type.Integer({ minimum: 0, description: 'registered, being handled (status 03, 04, 05)' }),
  finished: Type.Integer({ minimum: 0, description: 'handled (status 06)' }),
  refused: Type.Integer({ minimum: 0, description: 'refused by the recipient (status 02)' }),
  late: Type.Integer({ minimum: 0, description: 'of the copies not refused: finished after their deadline, or open past it' }),
});

export const SentReportDto = Type.Object({
  organization: OrgRef,
  from: IsoDate,
  to: IsoDate,
  groupBy: Type.Union([Type.Literal('level'), Type.Literal('recipient')]),
  rows: Type.Array(
    Type.Object({
      level: RecipientLevel,
      recipient: Type.Optional(
        Type.Object({
          organizationId: Nullable(Uuid),
          code: Nullable(Type.String({ description: 'the remote recipient’s organ code (mã định danh)' })),
          name: Type.String(),
        }),
      ),
      ...SentCountsDto.properties,
    }),
  ),
  total: SentCountsDto,
});
export type SentReportDto = Static<typeof SentReportDto>;

export const OverdueUnitsQuery = Type.Object({
  organizationId: Uuid,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'how many units (default 5)' })),
});
export type OverdueUnitsQuery = Static<typeof OverdueUnitsQuery>;

export const OverdueUnitsDto = Type.Object({
  organization: OrgRef,
  asOf: IsoDate,
  rows: Type.Array(Type.Object({ organization: OrgRef, openOverdue: Count })),
});
export type OverdueUnitsDto = Static<typeof OverdueUnitsDto>;
