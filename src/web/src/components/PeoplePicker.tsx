import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, unwrap } from '../api/client';

type Props = {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  role?: 'leader' | 'specialist' | 'clerk';
  placeholder?: string;
};

/** People the caller may present to or assign to (GET /users, the server's people picker), searched as one types. */
export function PeoplePicker({ id, value, onChange, role, placeholder = 'Gõ tên để tìm…' }: Props) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', q],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, limit: 50 } } })),
    placeholderData: (prev) => prev,
  });
  const options = (people.data?.items ?? [])
    .filter((u) => !role || u.roles.some((r) => r.role === role))
    .map((u) => ({ value: u.id, label: `${u.fullName}${u.title ? `, ${u.title}` : ''} · ${u.organization.name}` }));
  return (
    <Select
      id={id}
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={people.isFetching}
      options={options}
      placeholder={placeholder}
      notFoundContent={people.isPending ? 'Đang tìm…' : 'Không có ai phù hợp.'}
      style={{ width: '100%' }}
    />
  );
}
