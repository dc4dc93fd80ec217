import { useState } from 'react';
import { App, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BuiltinRule, RuleConfigVersion } from '../../../../contract/rules.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';
import { formatTime } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { rulesKeys, rulesQueries } from './api.ts';
import { fieldLabel, useRulesT } from './i18n.ts';
import { ConfigForm } from './ConfigForm.tsx';
import { ScriptModelTab } from './ScriptModelTab.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';

type Change = { path: string; from: string; to: string };
const show = (v: unknown) => (v === undefined ? '—' : Array.isArray(v) ? v.join('、') : String(v));

/** Leaf values that differ between two configs (arrays compared whole), for the history's "what changed". */
function diff(a: unknown, b: unknown, path = ''): Change[] {
  const obj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (obj(a) && obj(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => !(path === '' && k === 'version'))
      .flatMap((k) => diff(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: show(a), to: show(b) }];
}

export default function RulesPage() {
  const rt = useRulesT();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const catalogue = useQuery({ queryKey: rulesKeys.rules, queryFn: rulesQueries.rules });
  const config = useQuery({ queryKey: rulesKeys.config, queryFn: rulesQueries.config });
  const versions = useQuery({ queryKey: rulesKeys.history, queryFn: rulesQueries.history });
  const rules = catalogue.data ?? { items: [], globalSections: [] };
  const current = config.data ?? null;
  const history = versions.data?.items ?? [];
  // the form edits the version in force unless an older one was loaded from the history
  const [loaded, setLoaded] = useState<RuleConfigVersion | null>(null);
  const base = loaded ?? current;
  const [tab, setTab] = useState('rules');
  const loading = catalogue.isFetching || versions.isFetching;

  const en = lang === 'en-US';
  const fraudName = (f: { code: string; name: string }) =>
    en ? (FRAUD_TYPES.find(([c]) => c === f.code)?.[2] ?? f.name) : f.name;

  const ruleColumns = [
    {
      title: rt('rule'),
      key: 'rule',
      width: 230,
      render: (_: unknown, r: BuiltinRule) => (
        <>
          <div>{en ? r.titleEn : r.title}</div>
          <Typography.Text type="secondary" code>
            {r.id}
          </Typography.Text>
        </>
      ),
    },
    {
      title: rt('events'),
      dataIndex: 'events',
      width: 150,
      render: (ev: string[]) => (
        <Space wrap size={2}>
          {ev.map((e) => (
            <Tag key={e}>{e}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: rt('description'),
      key: 'description',
      render: (_: unknown, r: BuiltinRule) => (en ? r.descriptionEn : r.description),
    },
    {
      title: rt('fraudTypes'),
      key: 'types',
      width: 220,
      render: (_: unknown, r: BuiltinRule) => (
        <Space wrap size={2}>
          {r.fraudTypeFromList && <Tag color="purple">{rt('fromList')}</Tag>}
          {r.fraudTypes.map((f) => (
            <Tag key={f.code} color="volcano">
              {fraudName(f)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: rt('sections'),
      dataIndex: 'configSections',
      width: 180,
      render: (s: string[]) => (
        <Space wrap size={2}>
          {s.map((x) => (
            <Tag key={x} color="blue" style={{ cursor: 'pointer' }} onClick={() => setTab('config')}>
              {fieldLabel(lang, x)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  const historyColumns = [
    {
      title: rt('version'),
      dataIndex: 'version',
      width: 90,
      render: (v: string) => <Tag color={v === current?.version ? 'green' : undefined}>v{v}</Tag>,
    },
    { title: rt('by'), dataIndex: 'createdByName', width: 140, render: (v: string | null) => v ?? rt('builtin') },
    {
      title: rt('at'),
      dataIndex: 'createdAt',
      width: 180,
      render: (v: string | null) => (v ? formatTime(v, lang) : '—'),
    },
    { title: rt('note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'a',
      width: 130,
      render: (_: unknown, r: RuleConfigVersion) => (
        <Button
          size="small"
          onClick={() => {
            setLoaded(r);
            setTab('config');
            message.info(rt('loaded', { v: r.version }));
          }}
        >
          {rt('load')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={rt('title')}
        extra={
          <Space>
            {current && <Tag color="green">{rt('current', { v: current.version })}</Tag>}
            <Button
              icon={<ReloadOutlined />}
              loading={loading}
              onClick={() => {
                setLoaded(null);
                void qc.invalidateQueries({ queryKey: rulesKeys.all });
              }}
            >
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'rules',
            label: rt('tabRules'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={loading}
                columns={ruleColumns}
                dataSource={rules.items}
                pagination={false}
                scroll={{ x: 1000 }}
              />
            ),
          },
          {
            key: 'config',
            label: rt('tabConfig'),
            children: base ? (
              <ConfigForm
                base={base}
                rules={rules.items}
                globalSections={rules.globalSections}
                canWrite={can('rules:write')}
                onSaved={(v) => {
                  // the saved version is in force at once; the form's invalidation refetches the history
                  qc.setQueryData(rulesKeys.config, v);
                  setLoaded(null);
                }}
              />
            ) : null,
          },
          { key: 'script', label: rt('tabScript'), children: <ScriptModelTab canWrite={can('rules:write')} /> },
          {
            key: 'history',
            label: rt('tabHistory'),
            children: (
              <Table
                rowKey="version"
                size="small"
                loading={loading}
                columns={historyColumns}
                dataSource={history}
                pagination={{ pageSize: 20 }}
                expandable={{
                  rowExpandable: (r) => history.indexOf(r) < history.length - 1,
                  expandedRowRender: (r) => {
                    const changes = diff(history[history.indexOf(r) + 1]?.config, r.config);
                    return changes.length === 0 ? (
                      rt('noChanges')
                    ) : (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {changes.map((c) => {
                          const [section, field] = c.path.split('.');
                          return (
                            <li key={c.path}>
                              {fieldLabel(lang, section!, field)}{' '}
                              <Typography.Text type="secondary" code>
                                {c.path}
                              </Typography.Text>
                              ：{c.from} → <b>{c.to}</b>
                            </li>
                          );
                        })}
                      </ul>
                    );
                  },
                }}
              />
            ),
          },
        ]}
      />
    </>
  );
}
