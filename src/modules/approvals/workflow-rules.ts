import type { DelegationPrefix, DelegationScope, QuorumSpec, StepSpec } from '../../db/schema/approvals.js';
import { AppError } from '../../lib/errors.js';
import type { DelegationRow } from './approvals.repo.js';

/**
 * Pure rules of the approval workflow (no I/O), shared by the service and unit tests.
 */

/**
 * How many approvals a step needs among the approvers resolved at its activation.
 * @throws AppError UNPROCESSABLE when the step cannot ever be satisfied (no approvers, or fewer than N).
 */
export function requiredApprovals(quorum: QuorumSpec, approverCount: number, stepName: string): number {
  if (approverCount === 0) {
    throw new AppError('UNPROCESSABLE', {
      message: `step "${stepName}" has no approver (no active user holds the role or heads the unit)`,
      details: { step: stepName },
    });
  }
  if (quorum === 'all') return approverCount;
  if (quorum === 'any') return 1;
  if (quorum.n > approverCount) {
    throw new AppError('UNPROCESSABLE', {
      message: `step "${stepName}" needs ${quorum.n} approvals but has only ${approverCount} approvers`,
      details: { step: stepName, required: quorum.n, approvers: approverCount },
    });
  }
  return quorum.n;
}

/**
 * Checks a template's steps as a whole: at most one signing step, and it alone in the last order
 * (the signer approves last: the draft is then ready to sign).
 * @throws AppError VALIDATION_FAILED
 */
export function validateSteps(steps: readonly StepSpec[]): void {
  const signing = steps.filter((s) => s.isSigningStep);
  if (signing.length > 1) throw new AppError('VALIDATION_FAILED', { message: 'a template has at most one signing step' });
  const lastOrder = Math.max(...steps.map((s) => s.order));
  if (signing.length === 1) {
    if (signing[0].order !== lastOrder || steps.filter((s) => s.order === lastOrder).length > 1) {
      throw new AppError('VALIDATION_FAILED', { message: 'the signing step must be the only step of the last order' });
    }
  }
  const names = new Set<string>();
  for (const s of steps) {
    if (names.has(s.name)) throw new AppError('VALIDATION_FAILED', { message: `two steps are named "${s.name}"` });
    names.add(s.name);
    if (typeof s.quorum === 'object' && s.quorum.n > 1 && s.approvers.length === 1 && 'userId' in s.approvers[0]) {
      throw new AppError('VALIDATION_FAILED', { message: `step "${s.name}" needs ${s.quorum.n} approvals from a single named user` });
    }
  }
}

/** The orders of a step list, ascending and distinct. */
export function ordersOf(steps: readonly { order: number }[]): number[] {
  return [...new Set(steps.map((s) => s.order))].sort((a, b) => a - b);
}

/** Whether a delegation's scope lets the delegate act on a step of this kind. */
export function scopeCovers(scope: DelegationScope, isSigningStep: boolean): boolean {
  return scope === 'both' || scope === (isSigningStep ? 'sign' : 'approve');
}

/** What a user may do for another under a (possibly passed-on) delegation. */
export type Authority = {
  /** The approver whose steps may be acted on. */
  forUserId: string;
  /** The delegation held by the acting user. */
  delegationId: string;
  /** Narrowest scope along the chain. */
  approve: boolean;
  sign: boolean;
  /** The prefix of the original delegation from the approver (printed in the signature). */
  prefix: DelegationPrefix;
};

const MAX_CHAIN = 5;

/**
 * The authorities a user holds today from the delegations given to them. A delegation passed on
 * (with a parent) carries the parent's authority, so it is valid only while every link is valid
 * and never through a TUQ. link (an authorisation cannot be sub-delegated).
 * `loadParent` returns the parent if it is currently valid, else undefined.
 */
export async function resolveAuthorities(
  received: readonly DelegationRow[],
  loadParent: (id: string) => Promise<DelegationRow | undefined>,
): Promise<Authority[]> {
  const out: Authority[] = [];
  for (const direct of received) {
    let link = direct;
    let approve = scopeCovers(link.scope, false);
    let sign = scopeCovers(link.scope, true);
    let ok = true;
    for (let depth = 0; link.parentDelegationId !== null; depth++) {
      const parent = depth < MAX_CHAIN ? await loadParent(link.parentDelegationId) : undefined;
      if (!parent || parent.authorityPrefix === 'TUQ.' || parent.delegateId !== link.delegatorId) {
        ok = false;
        break;
      }
      approve &&= scopeCovers(parent.scope, false);
      sign &&= scopeCovers(parent.scope, true);
      link = parent;
    }
    if (ok && (approve || sign))
      out.push({ forUserId: link.delegatorId, delegationId: direct.id, approve, sign, prefix: link.authorityPrefix });
  }
  return out;
}
