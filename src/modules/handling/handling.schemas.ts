import { Type, type Static } from 'typebox';
import { IsoDate, ListTotalFields, Nullable, PageQuery, Uuid } from '../../lib/schemas.js';

const Role = Type.Union([Type.Literal('lead'), Type.Literal('coordinate'), Type.Literal('inform')]);

/** The flow state of a document, as the incoming-flow endpoints answer it. */
export const DocumentStateDto = Type.Object({
  id: Uuid,
  status: Type.String(),
  incomingNumber: Nullable(Type.Integer()),
  registerId: Nullable(Uuid),
  registeredAt: Nullable(Type.String()),
  registeredBy: Nullable(Uuid),
  refusedReason: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  overdueSince: Nullable(Type.String()),
});
export type DocumentStateDto = Static<typeof DocumentStateDto>;

export const RegisterResult = Type.Intersect([DocumentStateDto, Type.Object({ registerName: Type.String() })]);
export type RegisterResult = Static<typeof RegisterResult>;

export const RegisterBody = Type.Object(
  {
    /** The document's own deadline as the clerk reads it (null clears it); not past (400 DEADLINE_IN_PAST). Default: the one received. */
    dueDate: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const RefuseBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export type RefuseBody = Static<typeof RefuseBody>;

export const PresentBody = Type.Object({ leaderUserId: Uuid });
export type PresentBody = Static<typeof PresentBody>;

export const PresentResult = Type.Intersect([DocumentStateDto, Type.Object({ presentedTo: Uuid, presentationDueDate: Type.String() })]);
export type PresentResult = Static<typeof PresentResult>;

export const AssigneeInput = Type.Object({
  userId: Type.Optional(Uuid),
  unitId: Type.Optional(Uuid),
  role: Role,
  /** A calendar deadline (the end of that day, Vietnamese time). */
  dueDate: Type.Optional(IsoDate),
  /** N working days from today (today not counted), by the working calendar. */
  dueInWorkingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
});
export type AssigneeInput = Static<typeof AssigneeInput>;

export const AssignBody = Type.Object({
  /** Bút phê: the leader's direction. */
  comment: Type.Optional(Type.String({ maxLength: 5000 })),
  assignees: Type.Array(AssigneeInput, { minItems: 1, maxItems: 200 }),
});
export type AssignBody = Static<typeof AssignBody>;

export const AssignmentDto = Type.Object({
  id: Uuid,
  documentId: Uuid,
  parentId: Nullable(Uuid),
  assignerId: Uuid,
  assignerName: Type.String(),
  assigneeUserId: Nullable(Uuid),
  assigneeUserName: Nullable(Type.String()),
  assigneeUnitId: Nullable(Uuid),
  assigneeUnitName: Nullable(Type.String()),
  role: Role,
  comment: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  allottedWorkingDays: Nullable(Type.Integer()),
  status: Type.String({
    description:
      'open, done, returned, cancelled, or recalled (thu hồi: the document was recalled by its sender; recallReason says why); an item to inform (role inform, a read receipt: no deadline, never overdue) is unread or read',
  }),
  overdueSince: Nullable(Type.String()),
  result: Nullable(Type.String()),
  replyDocumentId: Nullable(Uuid),
  returnReason: Nullable(Type.String()),
  /** Status recalled: the sender's reason for recalling the document. */
  recallReason: Nullable(Type.String()),
  extensionRequestedDueDate: Nullable(Type.String()),
  extensionReason: Nullable(Type.String()),
  extensionStatus: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  /** An item to inform: when its recipient first opened the document, and who (for a unit, its head or clerk who did). */
  readAt: Nullable(Type.String()),
  readById: Nullable(Uuid),
  readByName: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type AssignmentDto = Static<typeof AssignmentDto>;

export const AssignResult = Type.Object({ assignments: Type.Array(AssignmentDto) });

export const WorkingFilesResult = Type.Object({
  files: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      size: Type.Integer(),
      sha256: Type.String(),
      contentType: Type.String(),
      assignmentId: Uuid,
    }),
  ),
});
export type WorkingFilesResult = Static<typeof WorkingFilesResult>;

export const NoteBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 10000 }),
  /** Files of the same document: its own, or working files (POST /assignments/:id/files). */
  fileIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
});
export type NoteBody = Static<typeof NoteBody>;

export const NoteDto = Type.Object({
  id: Uuid,
  assignmentId: Uuid,
  authorId: Uuid,
  authorName: Type.String(),
  text: Type.String(),
  fileIds: Type.Array(Uuid),
  createdAt: Type.String(),
});
export type NoteDto = Static<typeof NoteDto>;

export const ExtensionBody = Type.Object({ requestedDueDate: IsoDate, reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export type ExtensionBody = Static<typeof ExtensionBody>;

export const ExtensionDecisionBody = Type.Object({
  grant: Type.Boolean(),
  /** The granted deadline; defaults to the requested one. */
  dueDate: Type.Optional(IsoDate),
});
export type ExtensionDecisionBody = Static<typeof ExtensionDecisionBody>;

export const ReturnBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });
export type ReturnBody = Static<typeof ReturnBody>;

export const CompleteBody = Type.Object({
  result: Type.String({ minLength: 1, maxLength: 10000 }),
  replyDocumentId: Type.Optional(Uuid),
});
export type CompleteBody = Static<typeof CompleteBody>;

export const CompleteResult = Type.Object({ assignment: AssignmentDto, document: DocumentStateDto });

export const AssignmentDetail = Type.Intersect([
  AssignmentDto,
  Type.Object({
    document: Type.Object({
      id: Uuid,
      number: Nullable(Type.String()),
      notation: Nullable(Type.String()),
      subject: Type.String(),
      urgency: Type.String(),
      status: Type.String(),
      incomingNumber: Nullable(Type.Integer()),
    }),
    children: Type.Array(AssignmentDto),
    notes: Type.Array(NoteDto),
  }),
]);

export const DocumentAssignments = Type.Object({
  /** Every assignment of the document in creation order; the tree is given by parentId. */
  items: Type.Array(AssignmentDto),
  ...ListTotalFields,
});

export const WorkListQuery = Type.Object(
  {
    scope: Type.Union([Type.Literal('mine'), Type.Literal('unit'), Type.Literal('subtree')], {
      default: 'mine',
      description:
        'mine: assigned to the caller; unit: to the units the caller leads or clerks; subtree (leaders only): to every unit and person under the organisations the caller leads, whoever assigned it (work the province gave a district or commune included)',
    }),
    status: Type.Union(
      [Type.Literal('open'), Type.Literal('overdue'), Type.Literal('done'), Type.Literal('unread'), Type.Literal('read')],
      {
        default: 'open',
        description: 'open, overdue, done: work; unread, read: items to inform (nhận để biết), which are never open work',
      },
    ),
    /** scope=subtree: only this unit and the units and people under it (a unit outside the caller's subtree answers 404). */
    organizationId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: PageQuery.cursor,
  },
  { additionalProperties: false },
);
export type WorkListQuery = Static<typeof WorkListQuery>;

export const WorkItem = Type.Intersect([
  AssignmentDto,
  Type.Object({
    /** Open and past its deadline (flagged by the overdue sweep). */
    overdue: Type.Boolean(),
    document: Type.Object({
      id: Uuid,
      number: Nullable(Type.String()),
      notation: Nullable(Type.String()),
      /** Số/ký hiệu as printed ("01/QĐ-UBND"), null before the document has one. */
      code: Nullable(Type.String()),
      subject: Type.String(),
      urgency: Type.String(),
      incomingNumber: Nullable(Type.Integer()),
      status: Type.String(),
      dueDate: Nullable(Type.String()),
    }),
  }),
]);
export type WorkItem = Static<typeof WorkItem>;

export const WorkListPage = Type.Object({
  items: Type.Array(WorkItem),
  nextCursor: Nullable(Type.String()),
  ...ListTotalFields,
});
export type WorkListPage = Static<typeof WorkListPage>;
