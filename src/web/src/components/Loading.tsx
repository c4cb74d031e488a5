import { Spin } from 'antd';

/** A spinner with its words for screen readers (an aria-label is not allowed on the spinner's plain div). */
export function Loading({ label, padded = false }: { label: string; padded?: boolean }) {
  return (
    <div role="status" style={padded ? { padding: 48, textAlign: 'center' } : undefined}>
      <Spin />
      <span className="visually-hidden">{label}</span>
    </div>
  );
}
