import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ActionItem, ReviewDetail, ReviewSummary } from '../../../../contract/reviews.ts';
import { ACTION_KINDS } from '../../../../contract/reviews.ts';
import { ApiError, request } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';
import { reviewTitle, stepDetail } from './i18n.ts';

// 复盘: reviews in my jurisdiction, the board of open action items, and one review (time line, findings, actions).
const TRIGGER: Record<string, [string, string]> = {
  case: ['案件', 'Case'],
  defrauded: ['已被骗', 'Defrauded'],
  after_warning: ['预警后被骗', 'Defrauded after warning'],
  failed_dissuasion: ['劝阻失败', 'Failed dissuasion'],
};
const KIND: Record<string, [string, string]> = {
  rule_threshold: ['规则阈值', 'Rule threshold'],
  script: ['话术', 'Script'],
  training: ['培训', 'Training'],
  bank_procedure: ['银行流程', 'Bank procedure'],
  other: ['其他', 'Other'],
};
const STEP: Record<string, [string, string]> = {
  first_signal: ['首个信号', 'First signal'],
  warning_opened: ['预警生成', 'Warning opened'],
  first_contact: ['首次联系', 'First contact'],
  visit: ['上门', 'Visit'],
  loss: ['损失发生', 'Loss'],
  case_reported: ['报案', 'Case reported'],
  closed: ['预警办结', 'Warning closed'],
  reopened: ['预警重开', 'Warning reopened'],
};

function ReviewDrawer({ id, onClose, en }: { id: string; onClose: () => void; en: number }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [findings] = Form.useForm();
  const [action] = Form.useForm();
  const r = useQuery({
    queryKey: ['reviews', 'detail', id],
    queryFn: getJson<ReviewDetail>(`/api/v1/reviews/${encodeURIComponent(id)}`),
  }).data;
  // the stored findings into the form whenever the review arrives from the server (first read, after a command)
  useEffect(() => {
    if (r) findings.setFieldsValue({ whatHappened: r.whatHappened, slowPoints: r.slowPoints });
  }, [r, findings]);
  const fail = (e: unknown) => {
    const x = e as ApiError;
    message.error([x.message, ...(x.details ?? []).map((d) => `${d.field}: ${d.reason}`)].join(' · '));
  };
  // every command changes this review and the lists behind the drawer (open items, the board)
  const command = useMutation({
    mutationFn: ({ path, method = 'POST', body }: { path: string; method?: string; body?: unknown }) =>
      request(method, `/api/v1/reviews/${encodeURIComponent(id)}${path}`, { body }),
    onError: fail,
    onSettled: () => qc.invalidateQueries({ queryKey: ['reviews'] }),
  });
  const run = (path: string, body?: unknown, method?: string, onSuccess?: () => void) =>
    command.mutate({ path, body, method }, { onSuccess });
  const write = can('reviews:write') && r?.status === 'open';
  return (
    <Drawer open width={Math.min(720, window.innerWidth)} onClose={onClose} title={reviewTitle(r?.title, en)}>
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag>{TRIGGER[r.trigger]![en]}</Tag>
            <Tag color={r.status === 'open' ? 'gold' : 'green'}>
              {r.status === 'open' ? (en ? 'Open' : '进行中') : en ? 'Closed' : '已完成'}
            </Tag>
            {r.unitName}
          </Space>
          <Card size="small" title={en ? 'Time line (filled by the system)' : '时间线（系统生成）'}>
            <Timeline
              items={r.timeline.map((t) => ({
                children: (
                  <>
                    <b>{STEP[t.step]![en]}</b> {new Date(t.at).toLocaleString()}
                    {t.sincePrevMin != null && (
                      <Typography.Text type="secondary"> (+{t.sincePrevMin} min)</Typography.Text>
                    )}
                    {t.detail ? ` · ${stepDetail(t.step, t.detail, en)}` : ''}
                  </>
                ),
              }))}
            />
          </Card>
          <Card size="small" title={en ? 'Findings' : '复盘结论'}>
            <Form form={findings} layout="vertical" disabled={!write}>
              <Form.Item name="whatHappened" label={en ? 'What happened' : '经过'}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Form.Item name="slowPoints" label={en ? 'Where it was slow' : '慢在哪里'}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              {write && (
                <Button loading={command.isPending} onClick={() => run('/findings', findings.getFieldsValue(), 'PUT')}>
                  {en ? 'Save' : '保存'}
                </Button>
              )}
            </Form>
          </Card>
          <Card size="small" title={en ? 'Action items' : '整改事项'}>
            <List
              dataSource={r.actions}
              renderItem={(a) => (
                <List.Item
                  actions={
                    write && a.status === 'open'
                      ? [
                          <a key="d" onClick={() => run(`/actions/${a.id}/done`, {})}>
                            {en ? 'Done' : '完成'}
                          </a>,
                        ]
                      : []
                  }
                >
                  <Tag>{KIND[a.kind]![en]}</Tag> {a.description} · {a.ownerName} · {a.dueDate}{' '}
                  {a.status === 'done' ? (
                    <Tag color="green">{en ? 'done' : '已完成'}</Tag>
                  ) : a.overdue ? (
                    <Tag color="red">{en ? 'overdue' : '逾期'}</Tag>
                  ) : null}
                </List.Item>
              )}
            />
            {write && (
              <Form
                form={action}
                layout="vertical"
                onFinish={(v: {
                  kind: string;
                  description: string;
                  ownerName: string;
                  due: { format(f: string): string };
                }) =>
                  run(
                    '/actions',
                    {
                      kind: v.kind,
                      description: v.description,
                      ownerName: v.ownerName,
                      dueDate: v.due.format('YYYY-MM-DD'),
                    },
                    'POST',
                    () => action.resetFields(),
                  )
                }
              >
                <Form.Item name="kind" label={en ? 'Kind' : '类别'} rules={[{ required: true }]}>
                  <Select options={ACTION_KINDS.map((k) => ({ value: k, label: KIND[k]![en] }))} />
                </Form.Item>
                <Form.Item name="description" label={en ? 'What changes' : '整改内容'} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Space wrap>
                  <Form.Item name="ownerName" label={en ? 'Owner' : '责任人'} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="due" label={en ? 'Due' : '期限'} rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                </Space>
                <Button htmlType="submit">{en ? 'Add' : '添加'}</Button>
              </Form>
            )}
          </Card>
          {write && (
            <Button type="primary" disabled={!r.canClose} loading={command.isPending} onClick={() => run('/close')}>
              {en ? 'Close review' : '完成复盘'}
            </Button>
          )}
          {!r.canClose && r.status === 'open' && (
            <Typography.Text type="secondary">{r.closeBlockers.join('；')}</Typography.Text>
          )}
        </Space>
      )}
    </Drawer>
  );
}

export default function ReviewsPage() {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const reviews =
    useQuery({
      queryKey: ['reviews', 'list'],
      queryFn: getJson<{ items: ReviewSummary[] }>('/api/v1/reviews'),
    }).data?.items ?? [];
  // the board is a second view of the same items: quiet on failure, the list above already says so
  const board = useQuery({
    queryKey: ['reviews', 'actions'],
    queryFn: getJson<{ items: ActionItem[]; overdue: number }>('/api/v1/reviews/actions'),
    meta: { quiet: true },
  }).data ?? { items: [], overdue: 0 };
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm();
  const start = useMutation({
    mutationFn: (v: { subjectKind: string; subjectId: string }) =>
      request<ReviewDetail>('POST', '/api/v1/reviews', { body: v }),
    onSuccess: (r) => {
      form.resetFields();
      setOpen(r.id);
    },
    onError: (e) => {
      const x = e as ApiError;
      message.error([x.message, ...(x.details ?? []).map((d) => `${d.field}: ${d.reason}`)].join(' · '));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['reviews'] }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{en ? 'After-action reviews' : '复盘'}</Typography.Title>
      {can('reviews:write') && (
        <Form form={form} layout="inline" onFinish={(v: { subjectKind: string; subjectId: string }) => start.mutate(v)}>
          <Form.Item name="subjectKind" initialValue="warning">
            <Select
              style={{ width: 110 }}
              options={[
                { value: 'warning', label: en ? 'Warning' : '预警' },
                { value: 'case', label: en ? 'Case' : '案件' },
              ]}
            />
          </Form.Item>
          <Form.Item name="subjectId" rules={[{ required: true }]}>
            <Input placeholder="ID" style={{ width: 260 }} />
          </Form.Item>
          <Button htmlType="submit" loading={start.isPending}>
            {en ? 'Open a review' : '发起复盘'}
          </Button>
        </Form>
      )}
      <Tabs
        items={[
          {
            key: 'reviews',
            label: en ? 'Reviews' : '复盘列表',
            children: (
              <Table<ReviewSummary>
                rowKey="id"
                size="small"
                dataSource={reviews}
                scroll={{ x: true }}
                onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: en ? 'Title' : '标题', render: (_, r) => reviewTitle(r.title, en) },
                  { title: en ? 'Why' : '起因', render: (_, r) => TRIGGER[r.trigger]![en] },
                  { title: en ? 'Unit' : '单位', dataIndex: 'unitName', responsive: ['md'] },
                  { title: en ? 'Open items' : '未完成事项', render: (_, r) => `${r.openActions}/${r.totalActions}` },
                  {
                    title: en ? 'Status' : '状态',
                    render: (_, r) =>
                      r.status === 'open' ? (
                        <Tag color="gold">{en ? 'Open' : '进行中'}</Tag>
                      ) : (
                        <Tag color="green">{en ? 'Closed' : '已完成'}</Tag>
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'board',
            label: `${en ? 'Open action items' : '整改事项看板'} (${board.items.length}${board.overdue ? ` · ${en ? 'overdue' : '逾期'} ${board.overdue}` : ''})`,
            children: (
              <Table<ActionItem>
                rowKey="id"
                size="small"
                dataSource={board.items}
                scroll={{ x: true }}
                onRow={(a) => ({ onClick: () => setOpen(a.reviewId), style: { cursor: 'pointer' } })}
                columns={[
                  {
                    title: en ? 'Due' : '期限',
                    dataIndex: 'dueDate',
                    render: (d, a) => (a.overdue ? <Tag color="red">{d}</Tag> : d),
                  },
                  { title: en ? 'Kind' : '类别', render: (_, a) => KIND[a.kind]![en] },
                  { title: en ? 'What' : '内容', dataIndex: 'description' },
                  { title: en ? 'Owner' : '责任人', dataIndex: 'ownerName' },
                  {
                    title: en ? 'Review' : '复盘',
                    render: (_, a) => reviewTitle(a.reviewTitle, en),
                    responsive: ['md'],
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {open && <ReviewDrawer id={open} en={en} onClose={() => setOpen(null)} />}
    </Space>
  );
}
