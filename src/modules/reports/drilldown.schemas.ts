import { Type, type Static } from 'typebox';
import { IsoDate, Nullable, Page, PageQuery, Uuid } from '../../lib/schemas.js';
import { ReportQuery } from './reports.schemas.js';

/** The figures of a handling report row a drill-down lists the documents of. */
export const HANDLING_CATEGORIES = ['carriedOver', 'received', 'doneOnTime', 'doneLate', 'openInTime', 'openOverdue'] as const;
export type HandlingCategory = (typeof HANDLING_CATEGORIES)[number];

export const HandlingDocumentsQuery = Type.Object({
  ...ReportQuery.properties,
  personId: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'a person row of groupBy=person: the items that person leads; 00000000-0000-0000-0000-000000000000 for the row "no named person"',
    }),
  ),
  unitId: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'a unit row of groupBy=unit (or the organisation’s own row of groupBy=child): the items accountable to that unit itself; a child’s row of groupBy=child is organizationId=<the child>',
    }),
  ),
  category: Type.Union(
    HANDLING_CATEGORIES.map((c) => Type.Literal(c)),
    { description: 'the figure of the handling report whose documents are listed (its definition in the report)' },
  ),
  ...PageQuery,
});
export type HandlingDocumentsQuery = Static<typeof HandlingDocumentsQuery>;

const Restricted = Type.Boolean({
  description:
    'true: the caller may not open this document (confidential, or outside what the document rule lets them see); it is counted, its number, notation, subject and issuer are left out',
});

export const HandlingDocumentDto = Type.Object({
  documentId: Uuid,
  restricted: Restricted,
  typeName: Nullable(Type.String()),
  number: Nullable(Type.String({ description: 'số' })),
  notation: Nullable(Type.String({ description: 'ký hiệu' })),
  subject: Nullable(Type.String({ description: 'trích yếu' })),
  issuerName: Nullable(Type.String({ description: 'cơ quan ban hành' })),
  incomingNumber: Nullable(Type.Integer({ description: 'số đến' })),
  receivedOn: IsoDate,
  dueOn: Nullable(IsoDate),
  doneOn: Nullable(IsoDate),
  doneLate: Nullable(Type.Boolean()),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  person: Nullable(Type.Object({ id: Uuid, fullName: Type.String() })),
});
export type HandlingDocumentDto = Static<typeof HandlingDocumentDto>;

export const HandlingDocumentsPage = Page(HandlingDocumentDto);
export type HandlingDocumentsPage = Static<typeof HandlingDocumentsPage>;

export const AccountabilityItemsQuery = Type.Object({
  ...ReportQuery.properties,
  personId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'a person row of the ranking; 00000000-0000-0000-0000-000000000000 for custody held by a unit, no person named',
    }),
  ),
  unitId: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'a unit row of groupBy=unit (or the organisation’s own row of groupBy=child): custody held in that unit itself; a child’s row of groupBy=child is organizationId=<the child>',
    }),
  ),
  ...PageQuery,
});
export type AccountabilityItemsQuery = Static<typeof AccountabilityItemsQuery>;

export const AccountabilityItemDto = Type.Object({
  intervalId: Uuid,
  documentId: Uuid,
  restricted: Restricted,
  number: Nullable(Type.String()),
  notation: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  holder: Type.Object({
    person: Nullable(Type.Object({ id: Uuid, fullName: Type.String() })),
    unit: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  }),
  role: Type.String({ description: 'clerk (registering), leader (directing), lead, coordinate (handling)' }),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Nullable(Type.String({ format: 'date-time', description: 'null: still held' })),
  dueOn: IsoDate,
  allottedWorkingDays: Nullable(Type.Integer({ description: 'the holder’s allowance in working days' })),
  overrunWorkingDays: Type.Integer({
    minimum: 1,
    description: 'working days beyond the allowance (for a custody still held: as of the last overdue sweep)',
  }),
});
export type AccountabilityItemDto = Static<typeof AccountabilityItemDto>;

export const AccountabilityItemsPage = Page(AccountabilityItemDto);
export type AccountabilityItemsPage = Static<typeof AccountabilityItemsPage>;
