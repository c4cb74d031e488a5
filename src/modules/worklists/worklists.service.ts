import type { Db, DbOrTx } from '../../db/client.js';
import { EXACT_TOTAL_CAP } from '../../db/count.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { Principal } from '../auth/principal.js';
import type { EntryRow, ListOwner, WorklistsRepo } from './worklists.repo.js';
import { sql, type SQL } from 'drizzle-orm';
import { ledPaths, unitOwners, workListMatches, type WorkListOwners, type WorkListStatus } from '../handling/work-list-sql.js';
import {
  DUE_SOON_DAYS,
  HOME_COUNTS,
  type HomeCountName,
  WORK_LISTS,
  type PersonalListQuery,
  type WorkEntry,
  type WorkEntryPage,
  type WorkListName,
  type WorkSummary,
  type WorkSummaryQuery,
} from './worklists.schemas.js';

/** The delegations the caller acts under today (approvals' delegations service). */
export type DelegatedAuthorities = (db: DbOrTx, p: Principal) => Promise<{ forUserId: string; approve: boolean; sign: boolean }[]>;

export type WorklistsServiceDeps = { db: Db; worklistsRepo: WorklistsRepo; authoritiesOf: DelegatedAuthorities };

const iso = (t: string) => new Date(t).toISOString();
const NOTICE_KIND = { 1: 'recall', 2: 'update', 3: 'replace' } as const;

function toEntry(r: EntryRow): WorkEntry {
  return {
    id: r.entry_id,
    at: iso(r.at),
    document: {
      id: r.document_id,
      direction: r.direction,
      code: r.code,
      subject: r.subject,
      type: r.type_name,
      issuerName: r.issuer_name,
      urgency: r.urgency,
      status: r.document_status,
      dueDate: r.document_due,
    },
    presentationDueDate: r.presentation_due,
    assignment: r.assignment_id
      ? {
          id: r.assignment_id,
          role: r.role!,
          status: r.assignment_status!,
          overdue: r.assignment_status === 'open' && r.overdue_since !== null,
          dueDate: r.assignment_due,
          assigneeUserId: r.assignee_user_id,
          assigneeUserName: r.assignee_user_name,
          assigneeUnitId: r.assignee_unit_id,
          assigneeUnitName: r.assignee_unit_name,
          extensionStatus: r.extension_status,
          extensionRequestedDueDate: r.extension_due,
          extensionReason: r.extension_reason,
        }
      : null,
    step: r.step_id
      ? { id: r.step_id, name: r.step_name!, dueDate: r.step_due, isSigningStep: r.is_signing_step!, actingForId: r.acting_for_id }
      : null,
    drafter: r.drafter_id ? { id: r.drafter_id, fullName: r.drafter_name! } : null,
    notice: r.notice_type ? { kind: NOTICE_KIND[r.notice_type as 1 | 2 | 3] ?? 'update', reason: r.notice_reason } : null,
    pendingRecipients: r.pending_recipients,
  };
}

/**
 * The caller's personal work lists (what awaits them, what they gave or sent): each list is one
 * query with its count, and the summary counts every list in one statement, for a home page.
 */
export function createWorklistsService({ db, worklistsRepo, authoritiesOf }: WorklistsServiceDeps) {
  async function ownerOf(p: Principal): Promise<ListOwner> {
    const authorities = await authoritiesOf(db, p);
    const orgsWith = (roles: string[]) => [...new Set(p.grants.filter((g) => roles.includes(g.role)).map((g) => g.organizationId))];
    return {
      principal: p,
      clerkOrgs: orgsWith(['clerk']),
      senderOrgs: orgsWith(['clerk', 'leader']),
      approveFor: authorities.filter((a) => a.approve).map((a) => a.forUserId),
      signFor: authorities.filter((a) => a.sign).map((a) => a.forUserId),
    };
  }

  return {
    /**
     * How many items each list holds, and the other counts of a home page (`counts`, the subtree's
     * with scope=subtree), all in one statement (beyond 10,000: 10,001, flagged as an estimate).
     * @throws AppError NOT_A_LEADER for scope=subtree without a leader grant
     */
    async summary(p: Principal, q: WorkSummaryQuery = {}): Promise<WorkSummary> {
      const led = ledPaths(p);
      if (q.scope === 'subtree' && led.length === 0)
        throw new AppError('NOT_A_LEADER', { message: 'scope=subtree counts the work of a leader: the caller leads no organisation' });
      const owner = await ownerOf(p);
      const assignments = (owners: WorkListOwners, status: WorkListStatus, also?: SQL) =>
        // No owner key (a user who leads or clerks no unit): a list of nothing.
        workListMatches({ ...owners, status, principal: p }, also) ?? sql`select null where false`;
      // Vietnam's calendar day, as the web app shows deadlines.
      const dueSoon = sql`a.overdue_since is null and a.due_date <= (now() at time zone 'Asia/Ho_Chi_Minh')::date + ${DUE_SOON_DAYS}::int`;
      const extra: Partial<Record<HomeCountName, SQL>> = {
        incomingReceived: worklistsRepo.incomingOfClerk(owner, 'received'),
        incomingRegistered: worklistsRepo.incomingOfClerk(owner, 'registered'),
        assignedOpen: assignments({ userId: p.id }, 'open'),
        assignedDueSoon: assignments({ userId: p.id }, 'open', dueSoon),
        assignedOverdue: assignments({ userId: p.id }, 'overdue'),
        unitOpen: assignments(unitOwners(p), 'open'),
        unitOverdue: assignments(unitOwners(p), 'overdue'),
      };
      if (q.scope === 'subtree') {
        extra.subtreeOpen = assignments({ subtreePaths: led }, 'open');
        extra.subtreeOverdue = assignments({ subtreePaths: led }, 'overdue');
      }
      const counts: Record<string, number> = await worklistsRepo.countAll(db, WORK_LISTS, owner, extra);
      const total = (n: number) => ({ total: n, totalIsEstimate: n > EXACT_TOTAL_CAP });
      const lists = Object.fromEntries(WORK_LISTS.map((name) => [name, total(counts[name])])) as WorkSummary['lists'];
      const home = Object.fromEntries(
        (Object.keys(HOME_COUNTS) as HomeCountName[]).map((name) => [name, name in extra ? total(counts[name]) : null]),
      ) as WorkSummary['counts'];
      return { lists, counts: home };
    },

    /**
     * One list, newest first, keyset-paginated, with its count.
     * @throws AppError VALIDATION_FAILED on a bad cursor, or status on a list other than assigned-by-me
     */
    async list(p: Principal, name: WorkListName, q: PersonalListQuery): Promise<WorkEntryPage> {
      if (q.status && name !== 'assigned-by-me') throw new AppError('VALIDATION_FAILED', { message: 'status filters assigned-by-me only' });
      const limit = q.limit ?? 50;
      let after: { at: string; id: string } | undefined;
      if (q.cursor) {
        const [at, id] = decodeCursor(q.cursor, ['timestamp', 'uuid']);
        after = { at, id };
      }
      const owner = await ownerOf(p);
      const [rows, total] = await Promise.all([
        worklistsRepo.page(db, name, owner, { status: q.status, limit: limit + 1, after }),
        worklistsRepo.count(db, name, owner, q.status),
      ]);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toEntry),
        // The at text keeps its microseconds: the keyset compares exactly.
        nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.entry_id]) : null,
        ...total,
      };
    },
  };
}

export type WorklistsService = ReturnType<typeof createWorklistsService>;
