import { Tag } from 'antd';
import { URGENCY_COLOR, URGENCY_LABEL } from '../lib/format';

/** Colour plus the word, never colour alone. */
export function UrgencyTag({ urgency }: { urgency: string }) {
  if (urgency === 'normal') return <span>{URGENCY_LABEL.normal}</span>;
  return <Tag color={URGENCY_COLOR[urgency]}>{URGENCY_LABEL[urgency] ?? urgency}</Tag>;
}
