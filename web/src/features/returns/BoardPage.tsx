import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Pagination,
  Segmented,
  Select,
  Space,
  Statistic,
  Tag,
  Timeline,
  TreeSelect,
  Typography,
} from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  RETURN_CONTACT_CHANNELS,
  RETURN_STATUS_VALUES,
  type NewReturnContact,
  type NewReturnPerson,
  type ReturnTransition,
} from '../../../../contract/returns.ts';
import { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { applyFormError } from '../../shared/errors.ts';
import { useFormMutation } from '../../api/useFormMutation.ts';
import { formatDate, formatTime } from '../../shared/labels.ts';
import { useSession } from '../auth/session.tsx';
import { useUnits } from '../admin/units/useUnits.ts';
import { ImportModal as FileImport } from '../../components/ImportModal.tsx';
import { TaskCard, TaskCardList } from '../../components/TaskCards.tsx';
import { useUnmask } from '../../components/Unmask.tsx';
import { returnsApi, returnsQueries, type ReturnPerson } from './api.ts';
import { STATUS_COLOR, useReturnsT } from './i18n.ts';
import { daysLeft, importProblems, needsReason, RETURN_NEXT, type ReturnStatus } from './transitions.ts';

// 劝返 "挂图作战、逐一销账": a unit's board — counts and the return rate on top, then one card per open person
// (oldest due first, overdue in red) until each is closed as 已劝返 or 已核减. A card opens the person: family
// contacts, status history and the moves the server allows. Identifiers stay masked unless the officer states a
// purpose (audited by the server). Excel import shows every bad row; export follows the masking.
export default function ReturnsBoardPage() {
  const { t } = useReturnsT();
  const { message } = App.useApp();
  const { can } = useSession();
  const writer = can('returns:write');
  const units = useUnits();
  const unmask = useUnmask({ unmask: t('unmask'), mask: t('showMasked') });
  const why = unmask.why;
  const [unitId, setUnitId] = useState<string | undefined>();
  const [mode, setMode] = useState<'board' | 'list'>('board');
  const [status, setStatus] = useState<ReturnStatus | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const { data: board, isSuccess: boardLoaded } = useQuery(returnsQueries.board(unitId, why));
  // the list view pages through every person of the unit shown on the board (the user's own unit by default)
  const listUnit = unitId ?? board?.unitId;
  const list = useQuery({
    ...returnsQueries.persons({ unitId: listUnit, status, q: q || undefined, page, pageSize: 20 }, why),
    enabled: mode === 'list' && !!listUnit,
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;

  const c = board?.counts;
  const items = mode === 'board' ? (board?.items ?? []) : (list.data?.items ?? []);
  const loaded = mode === 'board' ? boardLoaded : list.isSuccess;
  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            {units.units.length > 1 && (
              <TreeSelect
                style={{ minWidth: 180 }}
                treeData={units.treeData}
                value={unitId ?? board?.unitId}
                onChange={(v: string) => {
                  setUnitId(v);
                  setPage(1);
                }}
                showSearch
                treeNodeFilterProp="title"
                aria-label={t('unit')}
                data-testid="returns-unit"
              />
            )}
            {unmask.toggle}
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      {c && (
        <Flex gap={12} wrap style={{ marginBottom: 12 }} data-testid="returns-counts">
          {(
            [
              ['total', c.total, undefined],
              ['open', c.open, undefined],
              ['overdue', c.overdue, c.overdue ? '#dc2626' : undefined],
              ['returned', c.returned, '#16a34a'],
              ['writtenOff', c.writtenOff, undefined],
            ] as const
          ).map(([k, v, color]) => (
            <Card size="small" key={k} style={{ minWidth: 96 }} data-count={k}>
              <Statistic title={t(k)} value={v} styles={{ content: color ? { color } : undefined }} />
            </Card>
          ))}
          <Card size="small" style={{ minWidth: 120 }} data-count="rate">
            <Statistic
              title={<span title={t('rateHint')}>{t('rate')}</span>}
              value={c.rate === null ? '—' : (c.rate * 100).toFixed(2)}
              suffix={c.rate === null ? undefined : '%'}
            />
          </Card>
        </Flex>
      )}
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        <Segmented
          value={mode}
          onChange={(v) => {
            setMode(v as 'board' | 'list');
            setPage(1);
          }}
          options={[
            { value: 'board', label: t('board') },
            { value: 'list', label: t('list') },
          ]}
        />
        {mode === 'list' && (
          <>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('all')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={RETURN_STATUS_VALUES.map((s) => ({ value: s, label: <StatusLabel s={s} /> }))}
              data-testid="returns-status-filter"
            />
            <Input.Search
              allowClear
              style={{ width: 180 }}
              placeholder={t('search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
          </>
        )}
        {writer && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-action="returns-add">
            {t('add')}
          </Button>
        )}
        {writer && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-action="returns-import">
            {t('import')}
          </Button>
        )}
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void returnsApi.export(why).catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e)))
          }
          data-action="returns-export"
        >
          {t('export')}
        </Button>
      </Flex>
      <TaskCardList empty={t('none')} loaded={loaded} count={items.length} grid>
        {items.map((p) => (
          <PersonCard key={p.id} p={p} onOpen={() => setOpenId(p.id)} />
        ))}
      </TaskCardList>
      {mode === 'list' && total > 20 && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={20}
          total={total}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
      <PersonDrawer id={openId} purpose={why} writer={writer} onClose={() => setOpenId(null)} />
      <AddModal open={adding} onClose={() => setAdding(false)} treeData={units.treeData} />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      {unmask.modal}
    </>
  );
}

function StatusLabel({ s }: { s: string }) {
  const { code } = useReturnsT();
  return <Tag color={STATUS_COLOR[s]}>{code(s)}</Tag>;
}

function DueTag({ p }: { p: ReturnPerson }) {
  const { t, lang } = useReturnsT();
  const open = p.status === 'abroad' || p.status === 'persuading';
  const n = daysLeft(p.dueAt);
  return (
    <Space size={4} wrap>
      <span>
        {t('dueAt')} {formatDate(p.dueAt, lang)}
      </span>
      {open &&
        (p.overdue ? (
          <Tag color="red" data-overdue="true">
            {t('daysOver', { n: Math.max(1, -n) })}
          </Tag>
        ) : (
          <Tag>{t('daysLeft', { n: Math.max(0, n) })}</Tag>
        ))}
    </Space>
  );
}

function PersonCard({ p, onOpen }: { p: ReturnPerson; onOpen: () => void }) {
  const { t } = useReturnsT();
  return (
    <TaskCard
      data={{ 'data-person': p.id, 'data-status': p.status }}
      style={p.overdue ? { borderColor: '#dc2626', background: '#fef2f2' } : undefined}
      title={
        <>
          <b>{p.name}</b>
          <StatusLabel s={p.status} />
        </>
      }
      extra={
        <Button size="small" onClick={onOpen} data-action="open-person">
          {t('detail')}
        </Button>
      }
      gap={4}
    >
      <Typography.Text>
        {t('location')}: {p.location}
      </Typography.Text>
      <DueTag p={p} />
      <Space wrap size={8}>
        {p.idNumber && <code data-testid="person-id">{p.idNumber}</code>}
        {p.phone && <code>{p.phone}</code>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('household')}: {p.householdUnitName}
        {p.residenceUnitName ? ` · ${t('residence')}: ${p.residenceUnitName}` : ''}
      </Typography.Text>
    </TaskCard>
  );
}

function PersonDrawer({
  id,
  purpose,
  writer,
  onClose,
}: {
  id: string | null;
  purpose?: string;
  writer: boolean;
  onClose: () => void;
}) {
  const { t, code, lang } = useReturnsT();
  const { message } = App.useApp();
  const { data: p } = useQuery({ ...returnsQueries.person(id ?? '', purpose), enabled: !!id });
  const [moving, setMoving] = useState<ReturnStatus | null>(null);
  const [moveForm] = Form.useForm<{ reason?: string; dueAt?: string }>();
  const [contactForm] = Form.useForm<NewReturnContact>();
  const queries = useQueryClient();
  // a move or a contact changes the person, the board's counts and cards, and the list
  const changed = () => queries.invalidateQueries({ queryKey: ['returns'] });
  const moveMutation = useMutation({
    mutationFn: (v: { id: string; body: ReturnTransition }) => returnsApi.move(v.id, v.body),
    onSuccess: () => {
      message.success(t('saved'));
      setMoving(null);
      moveForm.resetFields();
    },
    // someone else moved the person first: say so; a refused reason stands next to its input
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) message.error(t('version'));
      else {
        const m = applyFormError(moveForm, e);
        if (m) message.error(m);
      }
    },
    onSettled: changed,
  });
  const contactMutation = useFormMutation(contactForm, {
    mutationFn: (v: { id: string; body: NewReturnContact }) => returnsApi.contact(v.id, v.body),
    invalidate: ['returns'],
    saved: t('saved'),
  });

  const move = async () => {
    if (!p || !moving) return;
    const v = await moveForm.validateFields().catch(() => null);
    if (!v) return;
    moveMutation.mutate({
      id: p.id,
      body: {
        status: moving,
        version: p.version,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.dueAt ? { dueAt: new Date(`${v.dueAt}T23:59:59`).toISOString() } : {}),
      },
    });
  };
  const addContact = async () => {
    if (!p) return;
    const v = await contactForm.validateFields().catch(() => null);
    if (v) contactMutation.mutate({ id: p.id, body: v });
  };

  const next = p ? RETURN_NEXT[p.status] : [];
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={Math.min(560, typeof window === 'undefined' ? 560 : window.innerWidth)}
      title={
        p && (
          <Space wrap size={4}>
            {p.name}
            <StatusLabel s={p.status} />
          </Space>
        )
      }
      destroyOnHidden
    >
      {p && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('idNumber')}>
              <code data-testid="detail-id">{p.idNumber ?? '—'}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('phone')}>
              <code>{p.phone ?? '—'}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('location')}>{p.location}</Descriptions.Item>
            <Descriptions.Item label={t('household')}>{p.householdUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('residence')}>{p.residenceUnitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dueAt')}>
              <DueTag p={p} />
            </Descriptions.Item>
            <Descriptions.Item label={t('source')}>
              {code(p.source)}
              {p.upstreamRef ? ` · ${p.upstreamRef}` : ''}
            </Descriptions.Item>
            {p.note && <Descriptions.Item label={t('note')}>{p.note}</Descriptions.Item>}
          </Descriptions>
          {writer && (
            <Card size="small" title={t('move')}>
              {next.length === 0 ? (
                <Typography.Text type="secondary">{t('noMoves')}</Typography.Text>
              ) : (
                <Space wrap>
                  {next.map((s) => (
                    <Button
                      key={s}
                      type={s === 'returned' ? 'primary' : 'default'}
                      onClick={() => setMoving(s)}
                      data-move={s}
                    >
                      {code(s)}
                    </Button>
                  ))}
                </Space>
              )}
            </Card>
          )}
          <Card size="small" title={t('contacts')}>
            <List
              size="small"
              dataSource={p.contacts}
              locale={{ emptyText: '—' }}
              renderItem={(x) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <Space wrap size={4}>
                      <b>{x.contact}</b>
                      <Tag>{code(x.channel)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(x.at, lang)} · {x.by}
                      </Typography.Text>
                    </Space>
                    <span>{x.summary}</span>
                  </Space>
                </List.Item>
              )}
            />
            {writer && (
              <Form
                form={contactForm}
                layout="vertical"
                initialValues={{ channel: 'phone' }}
                style={{ marginTop: 8 }}
                onFinish={() => void addContact()}
              >
                <Flex gap={8} wrap>
                  <Form.Item
                    name="contact"
                    label={t('contactWho')}
                    rules={[{ required: true, max: 32 }]}
                    style={{ flex: '1 1 140px', marginBottom: 8 }}
                  >
                    <Input maxLength={32} placeholder={t('contactWhoHint')} />
                  </Form.Item>
                  <Form.Item name="channel" label={t('channel')} style={{ width: 110, marginBottom: 8 }}>
                    <Select options={RETURN_CONTACT_CHANNELS.map((c) => ({ value: c, label: code(c) }))} />
                  </Form.Item>
                </Flex>
                <Form.Item name="summary" label={t('summary')} rules={[{ required: true, max: 1000 }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
                </Form.Item>
                <Button htmlType="submit" block loading={contactMutation.isPending} data-action="add-contact">
                  {t('addContact')}
                </Button>
              </Form>
            )}
          </Card>
          <Card size="small" title={t('history')}>
            <Timeline
              items={p.history.map((h) => ({
                color: STATUS_COLOR[h.toStatus] === 'default' ? 'gray' : STATUS_COLOR[h.toStatus],
                content: (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {h.fromStatus ? `${code(h.fromStatus)} → ` : ''}
                      <b>{code(h.toStatus)}</b>
                    </span>
                    {h.reason && <span>{code(h.reason)}</span>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(h.at, lang)} · {h.by}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
      <Modal
        open={!!moving}
        title={moving ? `${t('to')} ${code(moving)}` : ''}
        onCancel={() => setMoving(null)}
        onOk={() => void move()}
        okText={t('ok')}
        cancelText={t('cancel')}
        okButtonProps={{ 'data-action': 'confirm-move' }}
        confirmLoading={moveMutation.isPending}
        destroyOnHidden
      >
        <Form form={moveForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('reason')}
            rules={
              moving && needsReason(moving)
                ? [{ required: true, whitespace: true, message: t('reasonRequired') }, { max: 500 }]
                : [{ max: 500 }]
            }
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="move-reason" />
          </Form.Item>
          {(moving === 'abroad' || moving === 'persuading') && (
            <Form.Item name="dueAt" label={t('newDue')}>
              <Input type="date" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}

function AddModal({
  open,
  onClose,
  treeData,
}: {
  open: boolean;
  onClose: () => void;
  treeData: ReturnType<typeof useUnits>['treeData'];
}) {
  const { t } = useReturnsT();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const create = useFormMutation(form, {
    mutationFn: returnsApi.create,
    invalidate: ['returns'],
    saved: t('saved'),
    onSuccess: onClose,
  });
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    // the form's empty inputs are left out; the server checks the rest against the contract
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim() !== ''));
    if (body.dueAt) body.dueAt = new Date(`${body.dueAt}T23:59:59`).toISOString();
    create.mutate(body as NewReturnPerson);
  };
  return (
    <Modal
      open={open}
      title={t('add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ok')}
      cancelText={t('cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('idNumber')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')}>
          <Input inputMode="tel" maxLength={32} />
        </Form.Item>
        <Form.Item name="location" label={t('location')} rules={[{ required: true, max: 128 }]}>
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item name="householdUnitId" label={t('householdUnitId')} rules={[{ required: true }]}>
          <TreeSelect treeData={treeData} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="residenceUnitId" label={t('residenceUnitId')}>
          <TreeSelect treeData={treeData} showSearch treeNodeFilterProp="title" treeDefaultExpandAll allowClear />
        </Form.Item>
        <Form.Item name="dueAt" label={t('dueAt')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('note')} rules={[{ max: 1000 }]}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useReturnsT();
  return (
    <FileImport<{ imported: number }>
      open={open}
      onClose={onClose}
      url="/api/v1/returns/import"
      accept=".xlsx"
      texts={{
        title: t('import'),
        hint: t('importHint'),
        drop: t('importDrop'),
        errors: t('importErrors'),
        row: t('row'),
        field: t('field'),
        problem: t('problem'),
        close: t('close'),
      }}
      rows={importProblems}
      done={(r) => t('importDone', { n: r.imported })}
      invalidate={['returns']}
    />
  );
}
