import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { id } from './_columns.js';
import { AUTHORITY_PREFIXES, documentFiles, documents } from './documents.js';
import { organizations } from './organizations.js';
import { users } from './users.js';

/** Who approves a template step: a named user, the holders of a role in a unit, or a unit's head (its leaders). */
export type ApproverSpec =
  { userId: string } | { role: 'admin' | 'clerk' | 'leader' | 'specialist'; unitId: string } | { unitHeadOf: string };
export type QuorumSpec = 'all' | 'any' | { n: number };

/** One step of a template, as stored in the template and snapshotted into every instance. */
export type StepSpec = {
  order: number;
  name: string;
  approvers: ApproverSpec[];
  quorum: QuorumSpec;
  parallel: boolean;
  dueInWorkingDays: number;
  isSigningStep: boolean;
};

export const INSTANCE_STATUSES = ['running', 'returned', 'approved', 'rejected'] as const;
/** waiting (a later order), active, approved (quorum met), returned/rejected (ended the round), closed (ended by another step's return or reject). */
export const STEP_STATUSES = ['waiting', 'active', 'approved', 'returned', 'rejected', 'closed'] as const;
export const DECISIONS = ['approved', 'returned', 'rejected'] as const;
export const DELEGATION_SCOPES = ['approve', 'sign', 'both'] as const;
/** Delegation prefixes: TM. (on behalf of a collective) is a signing mode, not something one person delegates. */
export const DELEGATION_PREFIXES = ['KT.', 'TL.', 'TUQ.', 'Q.'] as const satisfies readonly (typeof AUTHORITY_PREFIXES)[number][];

export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type Decision = (typeof DECISIONS)[number];
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];
export type DelegationPrefix = (typeof DELEGATION_PREFIXES)[number];

/** The outgoing-draft side of a document row (direction 'outgoing'): drafting unit, current version, the approved signer. */
export const drafts = pgTable(
  'drafts',
  {
    documentId: uuid()
      .primaryKey()
      .references(() => documents.id),
    /** The unit the drafter works in (its abbreviation goes into a Công văn's notation). */
    draftingUnitId: uuid()
      .notNull()
      .references(() => organizations.id),
    drafterId: uuid()
      .notNull()
      .references(() => users.id),
    currentVersion: integer().notNull().default(1),
    approvedAt: timestamp({ withTimezone: true }),
    /** Who approved the signing step (the signature must be theirs), and for whom when acting under a delegation. */
    signerUserId: uuid().references(() => users.id),
    signerActingForId: uuid().references(() => users.id),
    signerAuthority: text({ enum: AUTHORITY_PREFIXES }),
    rejectedReason: text(),
  },
  // Personal work lists (GET /me/work): my drafts, drafts awaiting my signature.
  (t) => [
    index('drafts_drafter_idx').on(t.drafterId),
    index('drafts_signer_idx')
      .on(t.signerUserId)
      .where(sql`${t.signerUserId} is not null`),
  ],
);

/** A version of a draft: the main PDF and the attachments as they were submitted together. */
export const draftVersions = pgTable(
  'draft_versions',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    version: integer().notNull(),
    mainFileId: uuid()
      .notNull()
      .references(() => documentFiles.id),
    attachmentFileIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    note: text(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('draft_versions_document_version_uq').on(t.documentId, t.version)],
);

export const draftComments = pgTable(
  'draft_comments',
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => draftVersions.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    page: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('draft_comments_version_idx').on(t.versionId, t.createdAt)],
);

/**
 * A version of an approval workflow template. Editing inserts a new row with the same familyId and
 * version + 1 and clears `current` on the old one, which running instances keep referencing.
 */
export const approvalTemplates = pgTable(
  'approval_templates',
  {
    id: id(),
    familyId: uuid().notNull(),
    version: integer().notNull(),
    current: boolean().notNull().default(true),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Null: any document type. */
    typeName: text(),
    name: text().notNull(),
    steps: jsonb().$type<StepSpec[]>().notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('approval_templates_family_version_uq').on(t.familyId, t.version),
    // Submit: the newest current template of (organisation, type).
    index('approval_templates_org_type_idx')
      .on(t.organizationId, t.typeName, t.createdAt.desc())
      .where(sql`${t.current}`),
  ],
);

/** A running (or finished) workflow on a draft; the steps are a snapshot of the template version it started on. */
export const approvalInstances = pgTable(
  'approval_instances',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    templateId: uuid()
      .notNull()
      .references(() => approvalTemplates.id),
    templateVersion: integer().notNull(),
    steps: jsonb().$type<StepSpec[]>().notNull(),
    status: text({ enum: INSTANCE_STATUSES }).notNull().default('running'),
    /** 1 on submit, +1 on every resubmission after a return. */
    round: integer().notNull().default(1),
    draftVersion: integer().notNull(),
    currentOrder: integer(),
    startedBy: uuid()
      .notNull()
      .references(() => users.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('approval_instances_document_idx').on(t.documentId, t.startedAt.desc())],
);

/** One step of one round of an instance. */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: id(),
    instanceId: uuid()
      .notNull()
      .references(() => approvalInstances.id),
    round: integer().notNull(),
    /** Index into the instance's steps snapshot. */
    stepIndex: integer().notNull(),
    order: integer().notNull(),
    name: text().notNull(),
    /** Approvals needed (quorum resolved against the approvers found at activation). */
    required: integer(),
    isSigningStep: boolean().notNull().default(false),
    status: text({ enum: STEP_STATUSES }).notNull().default('waiting'),
    activatedAt: timestamp({ withTimezone: true }),
    dueDate: date({ mode: 'string' }),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('approval_steps_instance_idx').on(t.instanceId, t.round, t.order)],
);

/** An approver resolved at activation, and their decision (possibly taken by a delegate). */
export const approvalStepApprovers = pgTable(
  'approval_step_approvers',
  {
    id: id(),
    stepId: uuid()
      .notNull()
      .references(() => approvalSteps.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    decision: text({ enum: DECISIONS }),
    comment: text(),
    decidedAt: timestamp({ withTimezone: true }),
    /** Who actually acted: the approver or a delegate. */
    actedBy: uuid().references(() => users.id),
    /** The approver, when a delegate acted for them. */
    actingForId: uuid().references(() => users.id),
    authorityPrefix: text({ enum: AUTHORITY_PREFIXES }),
    delegationId: uuid().references((): AnyPgColumn => delegations.id),
  },
  (t) => [
    uniqueIndex('approval_step_approvers_step_user_uq').on(t.stepId, t.userId),
    // Work list (GET /approvals) and draft visibility of approvers.
    index('approval_step_approvers_user_idx').on(t.userId, t.decision),
  ],
);

/** Ủy quyền: a leader lets another user act on their approval and/or signing steps for a period. */
export const delegations = pgTable(
  'delegations',
  {
    id: id(),
    delegatorId: uuid()
      .notNull()
      .references(() => users.id),
    delegateId: uuid()
      .notNull()
      .references(() => users.id),
    scope: text({ enum: DELEGATION_SCOPES }).notNull(),
    /** Inclusive Vietnam dates. */
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }).notNull(),
    authorityPrefix: text({ enum: DELEGATION_PREFIXES }).notNull(),
    note: text(),
    /** Set when the delegator passes on a delegation they received (never a TUQ. one). */
    parentDelegationId: uuid().references((): AnyPgColumn => delegations.id),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('delegations_delegate_idx').on(t.delegateId, t.validTo), index('delegations_delegator_idx').on(t.delegatorId, t.validTo)],
);
