import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../lib/schemas.js';

export const CustodyDto = Type.Object({
  id: Uuid,
  assignmentId: Nullable(Uuid),
  holderUserId: Nullable(Uuid),
  holderUserName: Nullable(Type.String()),
  holderUnitId: Nullable(Uuid),
  holderUnitName: Nullable(Type.String()),
  role: Type.String(),
  startedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  allottedWorkingDays: Nullable(Type.Integer()),
  /** Working days past the due date when the interval ended (or so far, as of the last sweep). */
  overrunWorkingDays: Nullable(Type.Integer()),
});
export type CustodyDto = Static<typeof CustodyDto>;

export const OverdueDto = Type.Object({
  id: Uuid,
  assignmentId: Nullable(Uuid),
  deadline: Type.String(),
  holderUserId: Nullable(Uuid),
  holderUserName: Nullable(Type.String()),
  holderUnitId: Nullable(Uuid),
  holderUnitName: Nullable(Type.String()),
  detectedAt: Type.String(),
});
export type OverdueDto = Static<typeof OverdueDto>;

export const EventDto = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String(),
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type EventDto = Static<typeof EventDto>;

/** One line of the timeline: exactly one of custody / overdue / event is set, as `kind` says. */
export const TimelineEntry = Type.Object({
  kind: Type.Union([Type.Literal('custody'), Type.Literal('overdue'), Type.Literal('event')]),
  at: Type.String(),
  custody: Type.Optional(CustodyDto),
  overdue: Type.Optional(OverdueDto),
  event: Type.Optional(EventDto),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const TimelineDto = Type.Object({
  documentId: Uuid,
  /** Everything below merged in time order (custody by start, overdue by detection, events by occurrence). */
  entries: Type.Array(TimelineEntry),
  custody: Type.Array(CustodyDto),
  overdue: Type.Array(OverdueDto),
  events: Type.Array(EventDto),
});
export type TimelineDto = Static<typeof TimelineDto>;

export const SweepResult = Type.Object({
  today: Type.String(),
  assignmentsFlagged: Type.Integer(),
  overdueRecords: Type.Integer(),
  intervalsUpdated: Type.Integer(),
  documentsFlagged: Type.Integer(),
});
export type SweepResult = Static<typeof SweepResult>;
