import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ApiToken } from '../../../../../contract/access.ts';
import { tokensApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatTime, scopeLabel } from '../../../shared/labels.ts';
import { OnceSecret } from '../../../shared/OnceSecret.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUnits } from '../units/useUnits.ts';
import { TokenForm } from './TokenForm.tsx';
import { EventSourcesTable } from './EventSourcesTable.tsx';

export default function TokensPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { treeData } = useUnits();
  const list = useQuery({ queryKey: ['tokens', 'list'], queryFn: () => tokensApi.list() });
  const rows = list.data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const changed = () => qc.invalidateQueries({ queryKey: ['tokens'] });
  const revoking = useMutation({ mutationFn: tokensApi.revoke, onSettled: changed });
  const revoke = (id: string) => revoking.mutate(id);

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', width: 180 },
    { title: t('tokens.prefix'), dataIndex: 'prefix', width: 130, render: (p: string) => <code>{p}…</code> },
    { title: t('tokens.unit'), dataIndex: 'unitName', width: 180, render: (v: string | null) => v ?? '—' },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      width: 300,
      render: (scopes: string[]) => (
        <Space size={4} wrap>
          {scopes.map((s) => (
            <Tag key={s} title={s}>
              {scopeLabel(t, s)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 100,
      render: (_, tok) =>
        tok.revokedAt ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>,
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v, lang) },
    {
      title: t('tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (v: string | null) => formatTime(v, lang),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 90,
      render: (_, tok) =>
        !tok.revokedAt && (
          <Popconfirm
            title={t('tokens.revokeConfirm')}
            onConfirm={() => revoke(tok.id)}
            okButtonProps={{ danger: true }}
          >
            <Button type="link" size="small" danger>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} loading={list.isFetching} onClick={() => void changed()}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('tokens.new')}
            </Button>
          </Space>
        }
      />
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        scroll={{ x: 1300 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
      />
      <EventSourcesTable unitTree={treeData} />
      <TokenForm
        open={creating}
        unitTree={treeData}
        onClose={() => setCreating(false)}
        onCreated={(token, name) => {
          setCreating(false);
          setCreated({ token, name });
          void changed();
        }}
      />
      <OnceSecret
        open={!!created}
        title={`${t('tokens.created')} · ${created?.name ?? ''}`}
        warning={t('tokens.onceWarning')}
        secret={created?.token ?? ''}
        onClose={() => setCreated(null)}
      />
    </>
  );
}
