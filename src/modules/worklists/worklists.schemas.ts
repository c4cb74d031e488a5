import { Type, type Static } from 'typebox';
import { ListTotalFields, Nullable, PageQuery, Uuid } from '../../lib/schemas.js';

/** The caller's personal work lists (GET /me/work/:list). */
export const WORK_LISTS = [
  'presented',
  'extension-requests',
  'assigned-by-me',
  'drafts',
  'approvals',
  'to-sign',
  'to-issue',
  'notices',
  'unregistered-recipients',
] as const;
export type WorkListName = (typeof WORK_LISTS)[number];

const LIST_DESCRIPTIONS: Record<WorkListName, string> = {
  presented: 'documents presented to me (trình) and not yet directed',
  'extension-requests': 'extension requests on assignments I gave, awaiting my decision',
  'assigned-by-me': 'assignments I gave (status: open by default, overdue, done), with their state',
  drafts: 'my drafts not yet approved (draft, in approval, returned)',
  approvals: 'approval steps awaiting my decision (mine, or a delegator’s within the delegation’s scope)',
  'to-sign': 'approved drafts awaiting my signature (as the named signer or their delegate)',
  'to-issue': 'signed documents of the organisations I clerk, awaiting issue',
  notices: 'recall, update and replace notices on incoming documents of the organisations I clerk, awaiting an answer',
  'unregistered-recipients': 'documents my organisations sent that some recipient has not registered (nor refused) yet',
};

export const WorkListParams = Type.Object({
  list: Type.Union(
    WORK_LISTS.map((l) => Type.Literal(l)),
    { description: WORK_LISTS.map((l) => `${l}: ${LIST_DESCRIPTIONS[l]}`).join('; ') },
  ),
});

export const PersonalListQuery = Type.Object(
  {
    /** assigned-by-me only: which of them (default open). */
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('done')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: PageQuery.cursor,
  },
  { additionalProperties: false },
);
export type PersonalListQuery = Static<typeof PersonalListQuery>;

const ListCount = Type.Object(ListTotalFields);

export const WorkSummaryQuery = Type.Object(
  {
    /** subtree: also count the work of every unit and person under the organisations the caller leads (NOT_A_LEADER otherwise). */
    scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('subtree')], { default: 'mine' })),
  },
  { additionalProperties: false },
);
export type WorkSummaryQuery = Static<typeof WorkSummaryQuery>;

/** Counts of a home page beyond the personal lists: each counts the rows of the list named (same SQL as that list). */
export const HOME_COUNTS = {
  incomingReceived:
    'GET /documents?direction=incoming&status=received: incoming documents of the organisations I clerk awaiting registration',
  incomingRegistered: 'GET /documents?direction=incoming&status=registered: registered, not yet presented or directed',
  assignedOpen: 'GET /assignments?scope=mine&status=open',
  assignedDueSoon: 'GET /assignments?scope=mine&status=open whose deadline falls within 3 calendar days (today included), not yet overdue',
  assignedOverdue: 'GET /assignments?scope=mine&status=overdue',
  unitOpen: 'GET /assignments?scope=unit&status=open',
  unitOverdue: 'GET /assignments?scope=unit&status=overdue',
  subtreeOpen: 'GET /assignments?scope=subtree&status=open (scope=subtree only, else null)',
  subtreeOverdue: 'GET /assignments?scope=subtree&status=overdue (scope=subtree only, else null)',
} as const;
export type HomeCountName = keyof typeof HOME_COUNTS;
const homeCount = (name: HomeCountName) => Type.Object(ListTotalFields, { description: HOME_COUNTS[name] });
/** "Sắp đến hạn": an open assignment due within this many calendar days from today. */
export const DUE_SOON_DAYS = 3;

export const WorkSummary = Type.Object({
  /** For each list, how many items it holds (open work only for assigned-by-me). */
  lists: Type.Object(Object.fromEntries(WORK_LISTS.map((l) => [l, ListCount])) as Record<WorkListName, typeof ListCount>),
  /** The other counts of a home page, in the same statement. */
  counts: Type.Object({
    incomingReceived: homeCount('incomingReceived'),
    incomingRegistered: homeCount('incomingRegistered'),
    assignedOpen: homeCount('assignedOpen'),
    assignedDueSoon: homeCount('assignedDueSoon'),
    assignedOverdue: homeCount('assignedOverdue'),
    unitOpen: homeCount('unitOpen'),
    unitOverdue: homeCount('unitOverdue'),
    subtreeOpen: Type.Union([homeCount('subtreeOpen'), Type.Null()]),
    subtreeOverdue: Type.Union([homeCount('subtreeOverdue'), Type.Null()]),
  }),
});
export type WorkSummary = Static<typeof WorkSummary>;

export const WorkEntry = Type.Object({
  /** The entry's own id (the assignment, the approval step seat, the custody interval, the notice...): stable across pages. */
  id: Uuid,
  /** When the item entered the list (presented, assigned, asked, activated, approved, signed, sent...): the list's order, newest first. */
  at: Type.String({ format: 'date-time' }),
  document: Type.Object({
    id: Uuid,
    direction: Type.String(),
    /** Số/ký hiệu as printed ("01/QĐ-UBND"); null before it has one (a draft). */
    code: Nullable(Type.String()),
    subject: Type.String(),
    type: Type.String(),
    /** Cơ quan ban hành as recorded (an incoming document's issuer); null when none was given. */
    issuerName: Nullable(Type.String()),
    urgency: Type.String(),
    status: Type.String(),
    dueDate: Nullable(Type.String()),
  }),
  /** presented: the day the leader should direct it by. */
  presentationDueDate: Nullable(Type.String()),
  /** extension-requests, assigned-by-me. */
  assignment: Nullable(
    Type.Object({
      id: Uuid,
      role: Type.String(),
      status: Type.String(),
      overdue: Type.Boolean(),
      dueDate: Nullable(Type.String()),
      assigneeUserId: Nullable(Uuid),
      assigneeUserName: Nullable(Type.String()),
      assigneeUnitId: Nullable(Uuid),
      assigneeUnitName: Nullable(Type.String()),
      extensionStatus: Nullable(Type.String()),
      extensionRequestedDueDate: Nullable(Type.String()),
      extensionReason: Nullable(Type.String()),
    }),
  ),
  /** approvals: the step to decide (POST /approval-steps/:id/approve...). */
  step: Nullable(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      dueDate: Nullable(Type.String()),
      isSigningStep: Type.Boolean(),
      /** The approver the caller acts for under a delegation (null: the caller's own seat). */
      actingForId: Nullable(Uuid),
    }),
  ),
  /** drafts, approvals, to-sign, to-issue: who drafted it. */
  drafter: Nullable(Type.Object({ id: Uuid, fullName: Type.String() })),
  /** notices: what awaits the answer (POST /documents/:id/recall-answer). */
  notice: Nullable(
    Type.Object({
      kind: Type.Union([Type.Literal('recall'), Type.Literal('update'), Type.Literal('replace')]),
      reason: Nullable(Type.String()),
    }),
  ),
  /** unregistered-recipients: how many recipients have not registered it yet (GET /documents/:id/deliveries names them). */
  pendingRecipients: Nullable(Type.Integer()),
});
export type WorkEntry = Static<typeof WorkEntry>;

export const WorkEntryPage = Type.Object({ items: Type.Array(WorkEntry), nextCursor: Nullable(Type.String()), ...ListTotalFields });
export type WorkEntryPage = Static<typeof WorkEntryPage>;
