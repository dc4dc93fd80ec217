import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { EventSourceBinding } from '../../../../../contract/access.ts';
import { eventSourcesApi } from '../../../api/endpoints.ts';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatTime } from '../../../shared/labels.ts';
import { useFormSubmit } from '../../../shared/errors.ts';
import type { TreeOption } from '../units/tree.ts';

interface Values {
  source: string;
  unitId: string;
}

/**
 * Event sources bound to partners (issue 10 finding 6): the platform administrator binds, rebinds and unbinds them.
 * Administrators below the root are answered 403 by the server: the section is then not shown.
 */
export function EventSourcesTable(props: { unitTree: TreeOption[] }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Partial<Values> | null>(null);
  const [form] = Form.useForm<Values>();

  // null: not the platform administrator (403), the section is not shown; any other failure is a toast
  const list = useQuery({
    queryKey: ['event-sources'],
    queryFn: async () => {
      try {
        return await eventSourcesApi.list();
      } catch (e) {
        if (e instanceof ApiError && e.status === 403) return null;
        throw e;
      }
    },
  });
  const rows: EventSourceBinding[] = list.data?.items ?? [];
  const claims = list.data?.firstUseClaims ?? false;
  const changed = () => qc.invalidateQueries({ queryKey: ['event-sources'] });

  const { busy, submit } = useFormSubmit(form, async (v: Values) => {
    await eventSourcesApi.bind(v.source.trim(), v.unitId);
    setEditing(null);
    await changed();
  });
  const unbinding = useMutation({ mutationFn: eventSourcesApi.unbind, onSettled: changed });
  const unbind = (source: string) => unbinding.mutate(source);

  if (list.data === null) return null;
  const columns: TableColumnsType<EventSourceBinding> = [
    { title: t('sources.source'), dataIndex: 'source', width: 180, render: (v: string) => <code>{v}</code> },
    {
      title: t('sources.unit'),
      key: 'unit',
      width: 200,
      render: (_, r) => (r.owner === 'platform' ? <Tag>{t('sources.platform')}</Tag> : (r.unitName ?? r.unitId)),
    },
    {
      title: t('sources.how'),
      dataIndex: 'boundBy',
      width: 140,
      render: (v: string) =>
        v === 'admin' ? (
          <Tag color="blue">{t('sources.byAdmin')}</Tag>
        ) : (
          <Tag color="orange">{t('sources.firstUse')}</Tag>
        ),
    },
    { title: t('sources.since'), dataIndex: 'since', width: 170, render: (v: string) => formatTime(v, lang) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 150,
      render: (_, r) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing({ source: r.source, unitId: r.unitId ?? undefined })}
          >
            {t('sources.rebind')}
          </Button>
          <Popconfirm
            title={t('sources.unbindConfirm')}
            onConfirm={() => unbind(r.source)}
            okButtonProps={{ danger: true }}
          >
            <Button type="link" size="small" danger>
              {t('sources.unbind')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <section style={{ marginTop: 24 }} aria-label={t('sources.title')}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('sources.title')}
        </Typography.Title>
        <Button icon={<LinkOutlined />} onClick={() => setEditing({})}>
          {t('sources.bind')}
        </Button>
      </Space>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        message={t('sources.hint')}
        description={claims ? t('sources.hintClaims') : undefined}
      />
      <Table
        rowKey="source"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        scroll={{ x: 840 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
      />
      <Modal
        open={!!editing}
        title={editing?.source ? `${t('sources.rebind')} · ${editing.source}` : t('sources.bind')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form
          form={form}
          name="eventSource"
          layout="vertical"
          onFinish={submit}
          initialValues={editing ?? {}}
          preserve={false}
        >
          <Form.Item
            name="source"
            label={t('sources.source')}
            extra={t('sources.sourceHelp')}
            rules={[{ required: true, pattern: /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, max: 64 }]}
          >
            <Input disabled={!!editing?.source} maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item name="unitId" label={t('sources.unit')} rules={[{ required: true }]}>
            <TreeSelect treeData={props.unitTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
