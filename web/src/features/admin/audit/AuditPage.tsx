import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AuditRecord } from '../../../../../contract/access.ts';
import { auditApi, usersApi } from '../../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatTime, roleLabel } from '../../../shared/labels.ts';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { usePagedList, type Page } from '../../../shared/usePagedList.ts';

interface Filters {
  actorId?: string;
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
  const { filters, setFilter, data, loading, reload, pagination } = usePagedList(['audit'], (q: Filters & Page) =>
    auditApi.list({ ...q }),
  );
  const [exporting, setExporting] = useState(false);
  const { can } = useSession();
  const [actors, setActors] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (!can('users:read')) return;
    usersApi.list({}).then(
      (res) => setActors(res.items.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))),
      () => setActors([]), // the filter is a convenience; the log itself still loads
    );
  }, [can]);

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
          <span>{r.actorName ?? r.actorKind}</span>
          {r.actorRole && <Tag>{roleLabel(t, r.actorRole)}</Tag>}
        </Space>
      ),
    },
    { title: t('audit.action'), dataIndex: 'action', width: 100, render: (v: string) => <Tag color="blue">{v}</Tag> },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 220,
      render: (_, r) => (
        <span>
          {r.entityType}
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
      render: (v: AuditRecord['details']) =>
        v ? <code title={JSON.stringify(v, null, 2)}>{JSON.stringify(v)}</code> : '—',
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
        <Input
          allowClear
          placeholder={t('audit.action')}
          style={{ width: 130 }}
          onPressEnter={(e) => setFilter({ action: trimOrUndefined(e.currentTarget.value) })}
          onChange={(e) => !e.target.value && setFilter({ action: undefined })}
        />
        <Input
          allowClear
          placeholder={t('audit.entity')}
          style={{ width: 130 }}
          onPressEnter={(e) => setFilter({ entityType: trimOrUndefined(e.currentTarget.value) })}
          onChange={(e) => !e.target.value && setFilter({ entityType: undefined })}
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
