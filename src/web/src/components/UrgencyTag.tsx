import { Tag } from 'antd';
import { URGENCY_CLASS, URGENCY_LABEL } from '../lib/format';

/** Colour plus the word, never colour alone. */
export function UrgencyTag({ urgency }: { urgency: string }) {
  if (urgency === 'normal') return <span>{URGENCY_LABEL.normal}</span>;
  return <Tag className={URGENCY_CLASS[urgency]}>{URGENCY_LABEL[urgency] ?? urgency}</Tag>;
}
