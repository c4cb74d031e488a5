import { useState } from 'react';
import { TreeSelect } from 'antd';
import { api, unwrap } from '../api/client';

type Org = { id: string; name: string };
type Node = { id: string; pId?: string; value: string; title: string; isLeaf?: boolean };
type Props = { id?: string; roots: Org[]; value?: Org; onChange(id: string): void };

/**
 * The units the caller may report on: the organisations they lead or administer and everything under
 * them, loaded one level at a time as the tree is opened (a province holds thousands of units).
 */
export function ReportOrgPicker({ id, roots, value, onChange }: Props) {
  const [nodes, setNodes] = useState<Node[]>(() => roots.map((r) => ({ id: r.id, value: r.id, title: r.name })));
  const [loaded, setLoaded] = useState<Set<string>>(new Set());

  async function loadData({ value: parent }: { value?: string | number }) {
    const pid = String(parent);
    if (loaded.has(pid)) return;
    const page = await unwrap(
      api.GET('/api/v1/organizations/{id}/subtree', { params: { path: { id: pid }, query: { depth: 1, limit: 500 } } }),
    );
    const children = page.items.filter((o) => o.id !== pid);
    setLoaded((s) => new Set(s).add(pid));
    setNodes((ns) => [
      ...ns.map((n) => (n.id === pid && children.length === 0 ? { ...n, isLeaf: true } : n)),
      ...children.filter((c) => !ns.some((n) => n.id === c.id)).map((c) => ({ id: c.id, pId: pid, value: c.id, title: c.name })),
    ]);
  }

  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      labelInValue
      value={value ? { value: value.id, label: value.name } : undefined}
      onChange={(v: { value: string; label?: unknown } | undefined) => v && onChange(v.value)}
      showSearch
      treeNodeFilterProp="title"
      placeholder="Chọn đơn vị…"
      style={{ width: 'min(420px, 90vw)' }}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
    />
  );
}
