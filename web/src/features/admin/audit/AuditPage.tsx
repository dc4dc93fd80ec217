import { useState } from 'react';
import { App, Button, DatePicker, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AuditRecord } from '../../../../../contract/access.ts';
import { auditApi, usersApi } from '../../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatTime, roleLabel } from '../../../shared/labels.ts';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { usePagedList, type Page } from '../../../shared/usePagedList.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, actionName, actorName, detailsText, entityName } from './labels.ts';

interface Filters {
  actorId?: string;
  /** people (user) by default: the platform's own ingest rows (system) run to thousands an hour in the demo */
  actorKind?: 'user' | 'token' | 'system';
  action?: string;
  entityType?: string;
  entityId?: string;
  q?: string;
  from?: string;
  to?: string;
}

const trimOrUndefined = (v: string) => v.trim() || undefined;

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { filters, setFilter, data, loading, reload, pagination } = usePagedList(
    ['audit'],
    (q: Filters & Page) => auditApi.list({ ...q }),
    { actorKind: 'user' } as Filters,
  );
  const [exporting, setExporting] = useState(false);
  const { can } = useSession();
  // the actor filter is a convenience: without users:read (or on failure) the log itself still loads
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => usersApi.list({}),
    enabled: can('users:read'),
    meta: { quiet: true },
  });
  const actors = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await auditApi.export({ ...filters });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v, lang) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 170,
      render: (_, r) => (
        <Space size={4} wrap>
          <span data-actor-kind={r.actorKind}>{actorName(r, lang)}</span>
          {r.actorRole && <Tag>{roleLabel(t, r.actorRole)}</Tag>}
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 110,
      render: (v: string) => (
        <Tag color={v === 'view_unmasked' ? 'orange' : 'blue'} data-action-code={v}>
          {actionName(v, lang)}
        </Tag>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 220,
      render: (_, r) => (
        <span>
          {entityName(r.entityType, lang)}
          {r.entityId && (
            <Typography.Text type="secondary" copyable={{ text: r.entityId }}>
              {' '}
              {r.entityId.slice(0, 8)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('audit.purpose'), dataIndex: 'purpose', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.details'),
      dataIndex: 'details',
      ellipsis: true,
      render: (v: AuditRecord['details']) => (
        <span title={v ? JSON.stringify(v, null, 2) : undefined}>{detailsText(v, lang)}</span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              {t('audit.export')}
            </Button>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          data-testid="audit-kind"
          value={filters.actorKind ?? 'all'}
          onChange={(v) => setFilter({ actorKind: v === 'all' ? undefined : (v as Filters['actorKind']) })}
          options={[
            { value: 'user', label: t('audit.kindUser') },
            { value: 'token', label: t('audit.kindToken') },
            { value: 'system', label: t('audit.kindSystem') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <DatePicker.RangePicker
          showTime
          placeholder={[t('audit.range'), t('audit.range')]}
          onChange={(range) => setFilter({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() })}
        />
        {actors.length > 0 && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.actor')}
            options={actors}
            style={{ width: 200 }}
            value={filters.actorId}
            onChange={(actorId?: string) => setFilter({ actorId })}
          />
        )}
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.action')}
          style={{ width: 150 }}
          value={filters.action}
          onChange={(action?: string) => setFilter({ action })}
          options={Object.keys(AUDIT_ACTIONS).map((value) => ({ value, label: actionName(value, lang) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.entity')}
          style={{ width: 160 }}
          value={filters.entityType}
          onChange={(entityType?: string) => setFilter({ entityType })}
          options={Object.keys(AUDIT_ENTITIES).map((value) => ({ value, label: entityName(value, lang) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.keyword')}
          style={{ width: 200 }}
          onSearch={(q) => setFilter({ q: trimOrUndefined(q) })}
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: 1200 }}
        pagination={{
          ...pagination,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
        }}
      />
    </>
  );
}
