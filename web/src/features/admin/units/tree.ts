import type { Unit } from '../../../../../contract/access.ts';

// The API returns the user's subtree flat; the tree is rebuilt here. Units whose parent is outside the list
// (the top of the user's own subtree) become roots.
export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => (a.unit.code ?? a.unit.name).localeCompare(b.unit.code ?? b.unit.name, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export interface TreeOption {
  value: string;
  title: string;
  key: string;
  children: TreeOption[];
}

/** For antd Tree / TreeSelect. */
export function toTreeData(nodes: UnitNode[], label: (u: Unit) => string = (u) => u.name): TreeOption[] {
  return nodes.map((n) => ({
    value: n.unit.id,
    key: n.unit.id,
    title: label(n.unit),
    children: toTreeData(n.children, label),
  }));
}
