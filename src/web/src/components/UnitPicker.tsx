import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { api, unwrap } from '../api/client';

type Node = { value: string; title: string; children: Node[] };
type Props = { id?: string; value?: string; onChange?: (v: string) => void };

/** The units the caller may assign to (GET /organizations, the server's unit picker), as a tree. */
export function UnitPicker({ id, value, onChange }: Props) {
  const units = useQuery({
    queryKey: ['unit-picker'],
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { limit: 1000 } } })),
  });
  const tree = useMemo(() => {
    const items = units.data?.items ?? [];
    const nodes = new Map<string, Node>(items.map((u) => [u.id, { value: u.id, title: u.name, children: [] }]));
    const roots: Node[] = [];
    for (const u of items) {
      const parent = u.parentId ? nodes.get(u.parentId) : undefined;
      (parent ? parent.children : roots).push(nodes.get(u.id)!);
    }
    return roots;
  }, [units.data]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={tree}
      showSearch
      treeNodeFilterProp="title"
      loading={units.isPending}
      placeholder="Chọn hoặc gõ tên đơn vị…"
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      treeDefaultExpandAll={tree.length <= 3}
    />
  );
}
