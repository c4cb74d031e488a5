import { Type, type Static } from 'typebox';
import { AUTHORITY_PREFIXES, CONFIDENTIALITIES, DOCUMENT_STATUSES, URGENCIES } from '../../db/schema/documents.js';
import { DECISIONS, DELEGATION_PREFIXES, DELEGATION_SCOPES, INSTANCE_STATUSES, STEP_STATUSES } from '../../db/schema/approvals.js';
import { ROLES } from '../../db/schema/users.js';
import { IsoDate, ListTotalFields, Nullable, Uuid } from '../../lib/schemas.js';

const DateTime = Type.String({ format: 'date-time' });

// ---------------------------------------------------------------------------------------------
// Drafts

/** The JSON of the `metadata` field of POST /drafts (validated by the service: multipart fields bypass AJV). */
export const DraftMetadata = Type.Object(
  {
    /** The Vietnamese type name (Công văn, Quyết định...). */
    type: Type.String({ minLength: 1, maxLength: 100 }),
    subject: Type.String({ minLength: 1, maxLength: 2000 }),
    urgency: Type.Optional(Type.Enum(URGENCIES)),
    confidentiality: Type.Optional(Type.Enum(CONFIDENTIALITIES)),
    /** The issuing organisation; defaults to the caller's organisation. The caller must work in it or below it. */
    organizationId: Type.Optional(Uuid),
    /** Shown with the first version. */
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DraftMetadata = Static<typeof DraftMetadata>;

/** The optional `metadata` field of POST /drafts/:id/versions. */
export const VersionMetadata = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type VersionMetadata = Static<typeof VersionMetadata>;

export const DraftFileDto = Type.Object({
  id: Uuid,
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  kind: Type.String(),
});
export type DraftFileDto = Static<typeof DraftFileDto>;

export const DraftCommentDto = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  authorId: Uuid,
  text: Type.String(),
  page: Nullable(Type.Integer()),
  createdAt: DateTime,
});
export type DraftCommentDto = Static<typeof DraftCommentDto>;

export const DraftVersionDto = Type.Object({
  version: Type.Integer(),
  authorId: Uuid,
  note: Nullable(Type.String()),
  createdAt: DateTime,
  mainFile: DraftFileDto,
  attachments: Type.Array(DraftFileDto),
  comments: Type.Array(DraftCommentDto),
});
export type DraftVersionDto = Static<typeof DraftVersionDto>;

export const ApproverDto = Type.Object({
  userId: Uuid,
  fullName: Type.String(),
  decision: Nullable(Type.Enum(DECISIONS)),
  comment: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  actedBy: Nullable(Uuid),
  actingForId: Nullable(Uuid),
  authorityPrefix: Nullable(Type.String()),
});
export type ApproverDto = Static<typeof ApproverDto>;

export const StepDto = Type.Object({
  id: Uuid,
  round: Type.Integer(),
  order: Type.Integer(),
  name: Type.String(),
  status: Type.Enum(STEP_STATUSES),
  required: Nullable(Type.Integer()),
  isSigningStep: Type.Boolean(),
  activatedAt: Nullable(DateTime),
  dueDate: Nullable(Type.String()),
  completedAt: Nullable(DateTime),
  approvers: Type.Array(ApproverDto),
});
export type StepDto = Static<typeof StepDto>;

export const InstanceDto = Type.Object({
  id: Uuid,
  templateId: Uuid,
  templateVersion: Type.Integer(),
  status: Type.Enum(INSTANCE_STATUSES),
  round: Type.Integer(),
  draftVersion: Type.Integer(),
  currentOrder: Nullable(Type.Integer()),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  /** Steps of the current round. */
  steps: Type.Array(StepDto),
});
export type InstanceDto = Static<typeof InstanceDto>;

export const DraftDto = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  draftingUnitId: Uuid,
  drafterId: Uuid,
  type: Type.String(),
  subject: Type.String(),
  urgency: Type.Enum(URGENCIES),
  confidentiality: Type.Enum(CONFIDENTIALITIES),
  status: Type.Enum(DOCUMENT_STATUSES),
  currentVersion: Type.Integer(),
  approvedAt: Nullable(DateTime),
  signerUserId: Nullable(Uuid),
  signerActingForId: Nullable(Uuid),
  signerAuthority: Nullable(Type.Enum(AUTHORITY_PREFIXES)),
  rejectedReason: Nullable(Type.String()),
  createdAt: DateTime,
  versions: Type.Array(DraftVersionDto),
  /** The newest workflow instance, if the draft was ever submitted. */
  workflow: Nullable(InstanceDto),
});
export type DraftDto = Static<typeof DraftDto>;

export const VersionParams = Type.Object({ id: Uuid, n: Type.Integer({ minimum: 1 }) });
export const DraftFileParams = Type.Object({ id: Uuid, fileId: Uuid });

export const CommentBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 10_000 }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
export type CommentBody = Static<typeof CommentBody>;

export const SubmitBody = Type.Object({ templateId: Type.Optional(Uuid) });
export type SubmitBody = Static<typeof SubmitBody>;

// ---------------------------------------------------------------------------------------------
// Templates

export const ApproverSpecSchema = Type.Union([
  Type.Object({ userId: Uuid }, { additionalProperties: false }),
  Type.Object({ role: Type.Enum(ROLES), unitId: Uuid }, { additionalProperties: false }),
  Type.Object({ unitHeadOf: Uuid }, { additionalProperties: false }),
]);

export const QuorumSchema = Type.Union([
  Type.Literal('all'),
  Type.Literal('any'),
  Type.Object({ n: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }),
]);

export const StepSpecBody = Type.Object({
  order: Type.Integer({ minimum: 1, maximum: 100 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  approvers: Type.Array(ApproverSpecSchema, { minItems: 1, maxItems: 50 }),
  quorum: QuorumSchema,
  parallel: Type.Optional(Type.Boolean()),
  dueInWorkingDays: Type.Integer({ minimum: 0, maximum: 365 }),
  isSigningStep: Type.Optional(Type.Boolean()),
});
export type StepSpecBody = Static<typeof StepSpecBody>;

export const CreateTemplateBody = Type.Object({
  organizationId: Uuid,
  /** Null (or absent): the template applies to every type without a template of its own. */
  typeName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  steps: Type.Array(StepSpecBody, { minItems: 1, maxItems: 30 }),
});
export type CreateTemplateBody = Static<typeof CreateTemplateBody>;

export const UpdateTemplateBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  steps: Type.Array(StepSpecBody, { minItems: 1, maxItems: 30 }),
});
export type UpdateTemplateBody = Static<typeof UpdateTemplateBody>;

export const StepSpecDto = Type.Object({
  order: Type.Integer(),
  name: Type.String(),
  approvers: Type.Array(ApproverSpecSchema),
  quorum: QuorumSchema,
  parallel: Type.Boolean(),
  dueInWorkingDays: Type.Integer(),
  isSigningStep: Type.Boolean(),
});

export const TemplateDto = Type.Object({
  id: Uuid,
  familyId: Uuid,
  version: Type.Integer(),
  current: Type.Boolean(),
  organizationId: Uuid,
  typeName: Nullable(Type.String()),
  name: Type.String(),
  steps: Type.Array(StepSpecDto),
  createdBy: Uuid,
  createdAt: DateTime,
});
export type TemplateDto = Static<typeof TemplateDto>;

export const ListTemplatesQuery = Type.Object({
  organizationId: Uuid,
  typeName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Include superseded versions. */
  all: Type.Optional(Type.Boolean({ default: false })),
});
export type ListTemplatesQuery = Static<typeof ListTemplatesQuery>;

// ---------------------------------------------------------------------------------------------
// Step actions and work list

export const ApproveBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 10_000 })) });
export type ApproveBody = Static<typeof ApproveBody>;
export const ReturnBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 10_000 }) });
export type ReturnBody = Static<typeof ReturnBody>;
export const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 10_000 }) });
export type RejectBody = Static<typeof RejectBody>;

export const StepActionResult = Type.Object({
  step: StepDto,
  instanceStatus: Type.Enum(INSTANCE_STATUSES),
  draftStatus: Type.Enum(DOCUMENT_STATUSES),
});
export type StepActionResult = Static<typeof StepActionResult>;

export const WorkListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('done')], { default: 'pending' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type WorkListQuery = Static<typeof WorkListQuery>;

export const WorkItemDto = Type.Object({
  stepId: Uuid,
  stepName: Type.String(),
  stepStatus: Type.Enum(STEP_STATUSES),
  draftId: Uuid,
  subject: Type.String(),
  type: Type.String(),
  dueDate: Nullable(Type.String()),
  activatedAt: Nullable(DateTime),
  isSigningStep: Type.Boolean(),
  /** The approver the caller acts for under a delegation (null: the caller's own step). */
  actingForId: Nullable(Uuid),
  decision: Nullable(Type.Enum(DECISIONS)),
});
export type WorkItemDto = Static<typeof WorkItemDto>;

/** At most `limit` items (no cursor); total counts them all. */
export const WorkListDto = Type.Object({ items: Type.Array(WorkItemDto), ...ListTotalFields });

// ---------------------------------------------------------------------------------------------
// Delegations

export const CreateDelegationBody = Type.Object({
  delegateUserId: Uuid,
  scope: Type.Enum(DELEGATION_SCOPES),
  from: IsoDate,
  to: IsoDate,
  authorityPrefix: Type.Enum(DELEGATION_PREFIXES),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Passing on a delegation the caller received (refused for TUQ.: an authorisation cannot be sub-delegated). */
  parentDelegationId: Type.Optional(Uuid),
});
export type CreateDelegationBody = Static<typeof CreateDelegationBody>;

export const DelegationDto = Type.Object({
  id: Uuid,
  delegatorId: Uuid,
  delegateId: Uuid,
  scope: Type.Enum(DELEGATION_SCOPES),
  from: Type.String(),
  to: Type.String(),
  authorityPrefix: Type.Enum(DELEGATION_PREFIXES),
  note: Nullable(Type.String()),
  parentDelegationId: Nullable(Uuid),
  revokedAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type DelegationDto = Static<typeof DelegationDto>;

export const DelegationListDto = Type.Object({ given: Type.Array(DelegationDto), received: Type.Array(DelegationDto) });
export type DelegationListDto = Static<typeof DelegationListDto>;
