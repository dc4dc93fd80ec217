import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { App, Button, Input, Space, Table, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Resident } from '../../../../contract/access.ts';
import { residentsApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { occupationLabel } from '../../shared/labels.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { usePagedList, type Page } from '../../shared/usePagedList.ts';
import { usePurpose } from '../../shared/purpose.tsx';
import { useSession } from '../auth/session.tsx';
import { useUnits } from '../admin/units/useUnits.ts';
import { ResidentDetail } from './ResidentDetail.tsx';
import { ResidentForm } from './ResidentForm.tsx';

// 居民档案: masked by default; the full record is fetched one at a time, after the officer states a purpose.
export default function ResidentsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const purpose = usePurpose();
  const queries = useQueryClient();
  const { treeData } = useUnits();
  const { filters, setFilter, data, loading, pagination } = usePagedList(
    ['residents', purpose.current() ?? null],
    (q: { unitId?: string; q?: string } & Page) => residentsApi.list({ ...q }, purpose.current()),
  );
  const [detail, setDetail] = useState<Resident | null>(null);
  const [creating, setCreating] = useState(false);

  const unmask = async (r: Resident) => {
    const why = await purpose.ask();
    if (!why) return;
    try {
      setDetail(await residentsApi.get(r.id, why));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const columns: TableColumnsType<Resident> = [
    { title: t('residents.name'), dataIndex: 'name', width: 110 },
    {
      title: t('residents.idNumber'),
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string | null) => <code>{v ?? '—'}</code>,
    },
    {
      title: t('residents.phone'),
      dataIndex: 'phone',
      width: 140,
      render: (v: string | null) => <code>{v ?? '—'}</code>,
    },
    {
      title: t('residents.address'),
      dataIndex: 'address',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('residents.unit'), dataIndex: 'unitName', width: 160 },
    { title: t('residents.birthYear'), dataIndex: 'birthYear', width: 90, render: (v: number | null) => v ?? '—' },
    {
      title: t('residents.occupation'),
      dataIndex: 'occupation',
      width: 120,
      render: (v: string | null) => occupationLabel(v, lang),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_, r) =>
        can('personal:unmask') ? (
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => void unmask(r)}>
            {t('residents.unmask')}
          </Button>
        ) : (
          r.masked && <Tag>{t('residents.masked')}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('residents.title')}
        extra={
          can('residents:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('residents.new')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <TreeSelect
          allowClear
          placeholder={t('residents.unit')}
          treeData={treeData}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          style={{ width: 220 }}
          value={filters.unitId}
          onChange={(unitId?: string) => setFilter({ unitId })}
        />
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          style={{ width: 240 }}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
        />
        {purpose.current() && (
          <Button size="small" type="dashed" onClick={() => void purpose.ask(true)}>
            {t('purpose.title')}: {purpose.current()}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: 1200 }}
        pagination={{ ...pagination, showTotal: (n) => t('common.total', { n }) }}
      />
      <ResidentDetail resident={detail} purpose={purpose.current()} onClose={() => setDetail(null)} />
      <ResidentForm
        open={creating}
        unitTree={treeData}
        purpose={purpose.current()}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void queries.invalidateQueries({ queryKey: ['residents'] });
        }}
      />
      {purpose.modal}
    </>
  );
}
