import type { DeliveryEvent } from '../../db/schema/index.js';
import type { DeliveryRow } from './deliveries.repo.js';

/** The history events of the sender's requests, by business type. */
const REQUESTED: Readonly<Record<string, 1 | 2 | 3>> = { 'recall-requested': 1, 'update-requested': 2, 'replace-requested': 3 };

/**
 * The recall (1) and the update or replace notice (2, 3) pending on a copy, in the order they were
 * asked, each with where its request sits in the history (what its send job is keyed on).
 */
export function pendingRequestsOf(
  row: Pick<DeliveryRow, 'recallState' | 'noticeState' | 'history'>,
): { businessType: 1 | 2 | 3; requestIndex: number }[] {
  const found: { businessType: 1 | 2 | 3; requestIndex: number }[] = [];
  for (let i = row.history.length - 1; i >= 0; i--) {
    const businessType = REQUESTED[row.history[i].event];
    if (!businessType || found.some((f) => (f.businessType === 1) === (businessType === 1))) continue;
    if ((businessType === 1 ? row.recallState : row.noticeState) === 'requested') found.push({ businessType, requestIndex: i });
  }
  return found.reverse();
}

/** An entry showing the copy reached the peer: the document taken (new or replacement), or a status from the recipient. */
const showsArrival = (e: DeliveryEvent) => (e.event === 'sent' && (e.businessType === 0 || e.businessType === 3)) || e.event === 'status';

/**
 * The recall and the update notice pending on a remote copy that were asked before it was known to
 * have reached the peer (so no package was queued for them) and are not sent yet: the send of the
 * document queues them once the peer takes it. A replace notice needs no package (the replacing
 * document carries it).
 */
export function requestsAwaitingDocument(
  row: Pick<DeliveryRow, 'recallState' | 'noticeState' | 'history'>,
): { businessType: 1 | 2 | 3; requestIndex: number }[] {
  return pendingRequestsOf(row).filter(
    (r) =>
      r.businessType !== 3 &&
      !row.history.slice(0, r.requestIndex).some(showsArrival) &&
      !row.history.slice(r.requestIndex).some((e) => e.event === 'sent' && e.businessType === r.businessType),
  );
}
