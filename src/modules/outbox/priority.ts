import type { Urgency } from '../../db/schema/index.js';

/**
 * BullMQ priorities (1 is taken first). Every outbox job carries one, because BullMQ serves jobs
 * without a priority before all prioritised ones: a "normal" job without priority would overtake
 * a hỏa tốc one.
 */
export const URGENCY_PRIORITY: Record<Urgency, number> = { flash: 1, very_urgent: 2, urgent: 3, normal: 4 };

export const DEFAULT_OUTBOX_PRIORITY = URGENCY_PRIORITY.normal;

/** The queue priority of work about a document of this urgency. */
export function priorityOfUrgency(urgency: Urgency): number {
  return URGENCY_PRIORITY[urgency];
}
