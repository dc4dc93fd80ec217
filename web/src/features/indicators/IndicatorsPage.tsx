import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { CheckResponse, Indicator } from '../../../../contract/indicators.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';
import { formatTime } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { indicatorsApi } from './api.ts';
import { FRAUD_TYPES, KINDS, useIndicatorT } from './i18n.ts';
import { IndicatorForm } from './IndicatorForm.tsx';
import { ImportModal } from './ImportModal.tsx';
import { usePagedList, type Page } from '../../shared/usePagedList.ts';

interface Filters {
  kind?: string;
  list?: string;
  source?: string;
  q?: string;
}

export default function IndicatorsPage() {
  const ti = useIndicatorT();
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const writer = can('indicators:write');
  const queries = useQueryClient();
  const { filters, setFilter, data, loading, pagination } = usePagedList(['indicators', 'list'], (q: Filters & Page) =>
    indicatorsApi.list({ ...q }),
  );
  const load = () => queries.invalidateQueries({ queryKey: ['indicators'] });
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const removal = useMutation({
    mutationFn: indicatorsApi.remove,
    onSuccess: () => message.success(ti('deleted')),
    onSettled: load,
  });
  const remove = (id: string) => removal.mutate(id);
  /** builtin / manual / partner:<token name> in words */
  const sourceName = (v: string) =>
    v === 'builtin' || v === 'manual'
      ? ti(`source.${v}`)
      : v.startsWith('partner:')
        ? `${ti('source.partner')} ${v.slice('partner:'.length)}`
        : v;

  const exportAs = async (format: 'xlsx' | 'csv') => {
    try {
      await indicatorsApi.export(format, { ...filters });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const fraudName = (code: string | null) => {
    const f = FRAUD_TYPES.find(([c]) => c === code);
    return f ? (lang === 'en-US' ? f[2] : f[1]) : code;
  };

  const columns: TableColumnsType<Indicator> = [
    { title: ti('kind'), dataIndex: 'kind', width: 110, render: (k: Indicator['kind']) => ti(`kind.${k}`) },
    {
      title: ti('value'),
      dataIndex: 'value',
      width: 260,
      ellipsis: true,
      render: (v: string, r) => (
        <Tooltip title={r.rawValue !== v ? `${ti('rawValue')}: ${r.rawValue}` : undefined}>
          <Typography.Text copyable={{ text: v }} style={{ fontFamily: 'monospace' }}>
            {v}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: ti('list'),
      dataIndex: 'list',
      width: 90,
      render: (l: Indicator['list']) => <Tag color={l === 'block' ? 'red' : 'green'}>{ti(`list.${l}`)}</Tag>,
    },
    {
      title: ti('reason'),
      dataIndex: 'reason',
      width: 240,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '—',
    },
    {
      title: ti('fraudType'),
      dataIndex: 'fraudType',
      width: 140,
      render: (v: string | null) => (v ? <Tag>{fraudName(v)}</Tag> : '—'),
    },
    {
      title: ti('source'),
      dataIndex: 'source',
      width: 140,
      ellipsis: true,
      render: (v: string) => <span data-source={v}>{sourceName(v)}</span>,
    },
    { title: ti('confidence'), dataIndex: 'confidence', width: 110 },
    {
      title: ti('validUntil'),
      dataIndex: 'validUntil',
      width: 160,
      render: (v: string | null) => (v ? formatTime(v, lang) : '—'),
    },
    { title: ti('updatedAt'), dataIndex: 'updatedAt', width: 160, render: (v: string) => formatTime(v, lang) },
    ...(writer
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            fixed: 'right' as const,
            render: (_: unknown, r: Indicator) => (
              <Popconfirm title={ti('deleteConfirm')} onConfirm={() => remove(r.id)}>
                <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={ti('delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={ti('title')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              {t('common.refresh')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')}>
              {ti('exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportAs('csv')}>
              {ti('exportCsv')}
            </Button>
            {writer && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {ti('import')}
              </Button>
            )}
            {writer && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {ti('add')}
              </Button>
            )}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={ti('kind')}
          style={{ width: 140 }}
          value={filters.kind}
          options={KINDS.map((k) => ({ value: k, label: ti(`kind.${k}`) }))}
          onChange={(kind) => setFilter({ kind })}
        />
        <Select
          allowClear
          placeholder={ti('list')}
          style={{ width: 110 }}
          value={filters.list}
          options={[
            { value: 'block', label: ti('list.block') },
            { value: 'allow', label: ti('list.allow') },
          ]}
          onChange={(list) => setFilter({ list })}
        />
        <Input
          allowClear
          placeholder={ti('source')}
          style={{ width: 140 }}
          onPressEnter={(e) => setFilter({ source: e.currentTarget.value.trim() || undefined })}
          onChange={(e) => !e.target.value && setFilter({ source: undefined })}
        />
        <Input.Search
          allowClear
          placeholder={ti('search')}
          style={{ width: 220 }}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
        />
        <CheckBox />
      </Space>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        // exactly the columns' widths: a larger figure stretched them under the fixed 操作 column
        scroll={{ x: columns.reduce((sum, c) => sum + (Number(c.width) || 120), 0) }}
        data-testid="indicators-table"
        pagination={{
          ...pagination,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
        }}
      />
      <IndicatorForm open={adding} onClose={() => setAdding(false)} onSaved={() => void load()} />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

/** "Is this listed, and why?" — the same normalisation and allow-over-block precedence as the engine. */
function CheckBox() {
  const ti = useIndicatorT();
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>('phone');
  const [result, setResult] = useState<CheckResponse | null>(null);
  const run = async (value: string) => {
    if (!value.trim()) {
      setResult(null);
      return;
    }
    try {
      setResult(await indicatorsApi.check(kind, value.trim()));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const text = !result ? null : result.key === null ? (
    <Tag>{ti('checkInvalid', { reason: result.reason ?? '' })}</Tag>
  ) : result.status === 'blocked' ? (
    <Tag color="red">
      {ti('checkBlocked')}
      {result.reason ? `：${result.reason}` : ''}
    </Tag>
  ) : result.status === 'allowed' ? (
    <Tag color="green">
      {ti('checkAllowed')}
      {result.reason ? `：${result.reason}` : ''}
    </Tag>
  ) : (
    <Tag>{ti('checkNone')}</Tag>
  );
  return (
    <Space.Compact>
      <Select
        value={kind}
        style={{ width: 120 }}
        onChange={(k) => {
          setKind(k);
          setResult(null);
        }}
        options={KINDS.map((k) => ({ value: k, label: ti(`kind.${k}`) }))}
      />
      <Input.Search
        placeholder={ti('checkPlaceholder')}
        enterButton={ti('check')}
        style={{ width: 'min(260px, calc(100vw - 190px))' }}
        onSearch={(v) => void run(v)}
      />
      {text && <span style={{ marginLeft: 8, alignSelf: 'center' }}>{text}</span>}
    </Space.Compact>
  );
}
