import type { Urgency } from '../../db/schema/index.js';

/**
 * edXML OtherInfo/Priority → urgency: 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ
 * (a timed hỏa tốc is still hỏa tốc for queueing and display). Absent or unknown → normal.
 */
export function urgencyOfPriority(priority: number | null): Urgency {
  switch (priority) {
    case 1:
      return 'urgent';
    case 2:
      return 'very_urgent';
    case 3:
    case 4:
      return 'flash';
    default:
      return 'normal';
  }
}

/** Urgency → edXML Priority (for packages we emit). */
export function priorityOfUrgencyForEdxml(urgency: Urgency): number {
  return { normal: 0, urgent: 1, very_urgent: 2, flash: 3 }[urgency];
}
