import { useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Input, Row, Spin, Tag, Tree } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Unit } from '../../../../../contract/access.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { childKinds } from '../../../shared/domain.ts';
import { kindLabel } from '../../../shared/labels.ts';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useSession } from '../../auth/session.tsx';
import { toTreeData, type UnitNode } from './tree.ts';
import { CreateChildForm, RenameForm } from './UnitForms.tsx';
import { useUnits } from './useUnits.ts';

/** Keeps the nodes that match the filter, and their ancestors so the match stays reachable. */
function filterTree(nodes: UnitNode[], q: string): UnitNode[] {
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, q);
    const hit = n.unit.name.includes(q) || (n.unit.code ?? '').includes(q);
    return hit || children.length ? [{ unit: n.unit, children: hit ? n.children : children }] : [];
  });
}

export default function UnitsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const { tree, byId, loading } = useUnits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const selected = selectedId ? byId.get(selectedId) : tree[0]?.unit;
  const canWrite = can('units:write');

  const treeData = useMemo(
    () => toTreeData(filterTree(tree, q.trim()), (u) => `${u.name}${u.code ? ` · ${u.code}` : ''}`),
    [tree, q],
  );
  const allKeys = useMemo(
    () =>
      treeData.flatMap(function keys(n): string[] {
        return [n.key, ...n.children.flatMap(keys)];
      }),
    [treeData],
  );
  // everything starts expanded; afterwards the user's choice holds, and a new unit's parent opens to show it
  const [expandedKeys, setExpandedKeys] = useState<string[] | null>(null);
  const expanded = q ? allKeys : (expandedKeys ?? allKeys);

  const afterChange = async (unit: Unit) => {
    // every cached unit list (this tree, the selects on other pages) reads the new name or child
    await qc.invalidateQueries({ queryKey: ['units'] });
    setExpandedKeys((keys) => [...new Set([...(keys ?? allKeys), ...(unit.parentId ? [unit.parentId] : [])])]);
    setSelectedId(unit.id);
  };

  return (
    <>
      <PageHeader title={t('units.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8}>
          <Card size="small">
            <Input.Search
              allowClear
              placeholder={t('units.filter')}
              onChange={(e) => setQ(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            {loading && tree.length === 0 ? (
              <Spin />
            ) : (
              <Tree
                treeData={treeData}
                blockNode
                showLine
                selectedKeys={selected ? [selected.id] : []}
                expandedKeys={expanded}
                onExpand={(keys) => setExpandedKeys(keys.map(String))}
                onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                style={{ maxHeight: '65vh', overflow: 'auto' }}
                data-testid="unit-tree"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16}>
          {!selected ? (
            <Empty description={t('units.select')} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col span={24}>
                <Card
                  size="small"
                  title={
                    <>
                      {selected.name} <Tag>{kindLabel(t, selected.kind)}</Tag>
                    </>
                  }
                >
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'code', label: t('units.code'), children: selected.code ?? '—' },
                      {
                        key: 'parent',
                        label: t('units.parent'),
                        children: selected.parentId ? (byId.get(selected.parentId)?.name ?? '—') : '—',
                      },
                      {
                        key: 'path',
                        label: t('units.path'),
                        children: <code style={{ wordBreak: 'break-all' }}>{selected.path}</code>,
                      },
                    ]}
                  />
                  {canWrite && (
                    <div style={{ marginTop: 12 }}>
                      <RenameForm unit={selected} onRenamed={afterChange} />
                    </div>
                  )}
                </Card>
              </Col>
              {canWrite && childKinds(selected.kind).length > 0 && (
                <Col span={24}>
                  <Card size="small" title={t('units.addChild')}>
                    <CreateChildForm parent={selected} onCreated={afterChange} />
                  </Card>
                </Col>
              )}
            </Row>
          )}
        </Col>
      </Row>
    </>
  );
}
