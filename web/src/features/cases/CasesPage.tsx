import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { useTick } from '../warnings/useLive.ts';
import { usePagedList, type Page } from '../../shared/usePagedList.ts';
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

interface CaseFilters {
  stage?: string;
  type?: string;
  q?: string;
  account?: string;
}

export function CasesPage() {
  const t = useCasesT();
  const n = useNames();
  const { lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  // the rows are a cached query under ['cases', 'list', …]: intake and the case page's changes invalidate ['cases']
  const { filters, setFilter, data, loading, pagination } = usePagedList(['cases', 'list'], (q: CaseFilters & Page) =>
    casesApi.list({ ...q }),
  );

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
          onSearch={(q) => setFilter({ q: q || undefined })}
        />
        <Input.Search
          allowClear
          placeholder={t('account')}
          style={{ width: 200 }}
          onSearch={(account) => setFilter({ account: account || undefined })}
        />
        <Select
          allowClear
          placeholder={t('stage')}
          style={{ width: 140 }}
          value={filters.stage}
          options={STAGES.map((s) => ({ value: s, label: n.stage(s) }))}
          onChange={(stage) => setFilter({ stage })}
        />
        <Select
          allowClear
          placeholder={t('fraudTypes')}
          style={{ width: 180 }}
          value={filters.type}
          options={FRAUD_TYPES.map(([value, zh, en]) => ({ value, label: lang === 'en-US' ? en : zh }))}
          onChange={(type) => setFilter({ type })}
        />
      </Space>
      <Table<CaseListItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: 900 }}
        data-testid="cases-table"
        pagination={{ ...pagination, showSizeChanger: false }}
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
