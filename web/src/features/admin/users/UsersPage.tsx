import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { User } from '../../../../../contract/access.ts';
import { usersApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatTime, roleLabel, roleOptions } from '../../../shared/labels.ts';
import { OnceSecret } from '../../../shared/OnceSecret.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useSession } from '../../auth/session.tsx';
import { useUnits } from '../units/useUnits.ts';
import { UserDrawer } from './UserDrawer.tsx';

interface Filters {
  unitId?: string;
  role?: string;
  q?: string;
}

export default function UsersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { can, user: me } = useSession();
  const canWrite = can('users:write');
  const { treeData } = useUnits();
  const [filters, setFilters] = useState<Filters>({});
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: () => usersApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.items ?? [];
  const [drawer, setDrawer] = useState<{ open: boolean; user?: User }>({ open: false });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  // every cached user list (this table, the audit page's actor filter) reads the change
  const changed = () => qc.invalidateQueries({ queryKey: ['users'] });
  const toggle = useMutation({
    mutationFn: (u: User) => usersApi.update(u.id, { disabled: !u.disabled }),
    onSettled: changed,
  });
  const reset = useMutation({
    mutationFn: (u: User) => usersApi.resetPassword(u.id),
    onSuccess: (res, u) =>
      setSecret({ title: `${t('users.tempPassword')} · ${u.displayName}`, value: res.temporaryPassword }),
    onSettled: changed,
  });

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 140 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
    { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: string) => roleLabel(t, r) },
    { title: t('users.unit'), dataIndex: 'unitName', width: 200 },
    { title: t('users.phone'), dataIndex: 'phone', width: 140, render: (p: string | null) => p ?? '—' },
    {
      title: t('users.status'),
      key: 'status',
      width: 160,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v, lang) },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 230,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDrawer({ open: true, user: u })}>
            {t('common.edit')}
          </Button>
          {u.id !== me?.id && (
            <Button type="link" size="small" danger={!u.disabled} onClick={() => toggle.mutate(u)}>
              {u.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          )}
          <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} onConfirm={() => reset.mutate(u)}>
            <Button type="link" size="small">
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })}>
              {t('users.new')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <TreeSelect
          allowClear
          placeholder={t('users.unit')}
          treeData={treeData}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          style={{ width: 220 }}
          value={filters.unitId}
          onChange={(unitId?: string) => setFilters((f) => ({ ...f, unitId }))}
        />
        <Select
          allowClear
          placeholder={t('users.role')}
          options={roleOptions(t)}
          style={{ width: 160 }}
          value={filters.role}
          onChange={(role?: string) => setFilters((f) => ({ ...f, role }))}
        />
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          style={{ width: 220 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
      </Space>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
      />
      <UserDrawer
        open={drawer.open}
        user={drawer.user}
        unitTree={treeData}
        onClose={() => setDrawer({ open: false })}
        onSaved={() => {
          setDrawer({ open: false });
          void changed();
        }}
        onCreated={(u, temp) => {
          setDrawer({ open: false });
          if (temp) setSecret({ title: `${t('users.tempPassword')} · ${u.displayName}`, value: temp });
          else message.success(t('common.saved'));
          void changed();
        }}
      />
      <OnceSecret
        open={!!secret}
        title={secret?.title ?? ''}
        warning={t('users.tempPasswordHint')}
        secret={secret?.value ?? ''}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
