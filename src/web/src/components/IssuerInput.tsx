import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete } from 'antd';
import { api, unwrap } from '../api/client';

type Props = {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  /** The mã định danh of the unit picked from the list; null when the name is typed freely. */
  onCode?: (code: string | null) => void;
};

/**
 * Cơ quan ban hành: typed freely (a ministry outside this deployment), or picked from the organisation
 * tree as the server searches it (GET /organizations?q=, words in any order, with or without diacritics);
 * a picked unit also gives its code.
 */
export function IssuerInput({ id, value, onChange, onCode }: Props) {
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ((value ?? '').trim()), 250);
    return () => clearTimeout(t);
  }, [value]);
  const units = useQuery({
    queryKey: ['issuer-picker', q],
    enabled: q.length >= 2,
    staleTime: 60_000,
    placeholderData: (prev) => prev,
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { q, limit: 20 } } })),
  });
  const items = q.length >= 2 ? (units.data?.items ?? []) : [];
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(v: string) => {
        onChange?.(v);
        onCode?.(null);
      }}
      onSelect={(_: string, option: { code: string | null; name: string }) => {
        onChange?.(option.name);
        onCode?.(option.code);
      }}
      options={items.map((u) => ({
        value: u.id,
        name: u.name,
        code: u.code,
        label: (
          <span>
            {u.name}
            {u.code && <span style={{ color: '#595959' }}> · {u.code}</span>}
          </span>
        ),
      }))}
      placeholder="Gõ tên cơ quan để chọn, hoặc nhập tự do"
      style={{ width: '100%' }}
      maxLength={300}
    />
  );
}
