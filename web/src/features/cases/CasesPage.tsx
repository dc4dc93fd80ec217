import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { useTick } from '../warnings/useLive.ts';
import { casesApi, type CaseListItem } from './api.ts';
import { formatRemaining, useCasesT, useNames } from './i18n.ts';

const STAGES = ['reported', 'accepted', 'filed', 'not_filed', 'investigating', 'solved', 'prosecuted', 'closed'];

export function CountdownTag({ c }: { c: CaseListItem['countdown'] }) {
  const t = useCasesT();
  const now = useTick();
  if (!c) return <span>—</span>;
  const left = Date.parse(c.dueAt) - now;
  return (
    <Tag color={left <= 0 ? 'red' : left < 3_600_000 ? 'volcano' : 'blue'} data-testid="countdown">
      {left <= 0 ? `${t('overdue')} ` : ''}
      {formatRemaining(left)}
    </Tag>
  );
}

export function CasesPage() {
  const t = useCasesT();
  const n = useNames();
  const { lang } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<{ stage?: string; type?: string; q?: string; account?: string; page: number }>(
    { page: 1 },
  );
  const [data, setData] = useState<{ items: CaseListItem[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await casesApi.list({ ...filters, pageSize: 20 }));
    } catch (e) {
      message.error(String((e as Error).message));
    } finally {
      setLoading(false);
    }
  }, [filters, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const ft = (code: string) => FRAUD_TYPES.find((f) => f[0] === code)?.[lang === 'en-US' ? 2 : 1] ?? code;
  return (
    <Card
      title={t('title')}
      extra={
        can('cases:write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="new-case">
            {t('newCase')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('search')}
          style={{ width: 200 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined, page: 1 }))}
        />
        <Input.Search
          allowClear
          placeholder={t('account')}
          style={{ width: 200 }}
          onSearch={(account) => setFilters((f) => ({ ...f, account: account || undefined, page: 1 }))}
        />
        <Select
          allowClear
          placeholder={t('stage')}
          style={{ width: 140 }}
          value={filters.stage}
          options={STAGES.map((s) => ({ value: s, label: n.stage(s) }))}
          onChange={(stage) => setFilters((f) => ({ ...f, stage, page: 1 }))}
        />
        <Select
          allowClear
          placeholder={t('fraudTypes')}
          style={{ width: 180 }}
          value={filters.type}
          options={FRAUD_TYPES.map(([value, zh, en]) => ({ value, label: lang === 'en-US' ? en : zh }))}
          onChange={(type) => setFilters((f) => ({ ...f, type, page: 1 }))}
        />
      </Space>
      <Table<CaseListItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: 900 }}
        data-testid="cases-table"
        pagination={{
          current: filters.page,
          pageSize: 20,
          total: data.total,
          onChange: (page) => setFilters((f) => ({ ...f, page })),
        }}
        columns={[
          { title: t('caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          { title: t('reportedAt'), dataIndex: 'reportedAt', render: (v: string) => new Date(v).toLocaleString(lang) },
          { title: t('victim'), render: (_, r) => `${r.victim.name} ${r.victim.phone ?? ''}` },
          { title: t('fraudTypes'), render: (_, r) => r.fraudTypes.map((f) => <Tag key={f.code}>{ft(f.code)}</Tag>) },
          { title: t('loss'), dataIndex: 'loss', align: 'right', render: (v: number) => `¥${v.toLocaleString()}` },
          { title: t('stage'), dataIndex: 'stage', render: (v: string) => <Tag color="geekblue">{n.stage(v)}</Tag> },
          { title: t('countdown'), render: (_, r) => <CountdownTag c={r.countdown} /> },
          { title: t('unit'), dataIndex: 'unitName' },
        ]}
      />
    </Card>
  );
}
