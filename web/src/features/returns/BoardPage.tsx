import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
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
  Table,
  Tag,
  Timeline,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { RETURN_CONTACT_CHANNELS, RETURN_STATUS_VALUES } from '../../../../contract/returns.ts';
import { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { applyFormError } from '../../shared/errors.ts';
import { formatDate, formatTime } from '../../shared/labels.ts';
import { usePurpose } from '../../shared/purpose.tsx';
import { useSession } from '../auth/session.tsx';
import { useUnits } from '../admin/units/useUnits.ts';
import { uploadWithProgress } from '../prevention/api.ts';
import { returnsApi, type Board, type ReturnDetail, type ReturnPerson } from './api.ts';
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
  const purpose = usePurpose();
  const [why, setWhy] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [mode, setMode] = useState<'board' | 'list'>('board');
  const [board, setBoard] = useState<Board | null>(null);
  const [list, setList] = useState<{ items: ReturnPerson[]; total: number }>({ items: [], total: 0 });
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    try {
      const b = await returnsApi.board(unitId, why ?? undefined);
      setBoard(b);
      if (mode === 'list')
        setList(
          await returnsApi.list(
            { unitId: unitId ?? b.unitId, status, q: q || undefined, page, pageSize: 20 },
            why ?? undefined,
          ),
        );
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }, [unitId, why, mode, status, q, page, message]);
  useEffect(() => void load(), [load]);

  const c = board?.counts;
  const items = mode === 'board' ? (board?.items ?? []) : list.items;
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
            {can('personal:unmask') &&
              (why ? (
                <Button size="small" onClick={() => setWhy(null)}>
                  {t('showMasked')}
                </Button>
              ) : (
                <Button
                  size="small"
                  onClick={() => void purpose.ask().then((p) => p && setWhy(p))}
                  data-action="unmask"
                >
                  {t('unmask')}
                </Button>
              ))}
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
            void returnsApi
              .export(why ?? undefined)
              .catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e)))
          }
          data-action="returns-export"
        >
          {t('export')}
        </Button>
      </Flex>
      {items.length === 0 && <Empty description={t('none')} />}
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))', gap: 12 }}
      >
        {items.map((p) => (
          <PersonCard key={p.id} p={p} onOpen={() => setOpenId(p.id)} />
        ))}
      </div>
      {mode === 'list' && list.total > 20 && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={20}
          total={list.total}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
      <PersonDrawer
        id={openId}
        purpose={why ?? undefined}
        writer={writer}
        onClose={() => setOpenId(null)}
        onChanged={() => void load()}
      />
      <AddModal open={adding} onClose={() => setAdding(false)} onDone={() => void load()} treeData={units.treeData} />
      <ImportModal open={importing} onClose={() => setImporting(false)} onDone={() => void load()} />
      {purpose.modal}
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
    <Card
      size="small"
      data-person={p.id}
      data-status={p.status}
      style={p.overdue ? { borderColor: '#dc2626', background: '#fef2f2' } : undefined}
      title={
        <Space wrap size={4}>
          <b>{p.name}</b>
          <StatusLabel s={p.status} />
        </Space>
      }
      extra={
        <Button size="small" onClick={onOpen} data-action="open-person">
          {t('detail')}
        </Button>
      }
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
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
      </Space>
    </Card>
  );
}

function PersonDrawer({
  id,
  purpose,
  writer,
  onClose,
  onChanged,
}: {
  id: string | null;
  purpose?: string;
  writer: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, code, lang } = useReturnsT();
  const { message } = App.useApp();
  const [p, setP] = useState<ReturnDetail | null>(null);
  const [moving, setMoving] = useState<ReturnStatus | null>(null);
  const [moveForm] = Form.useForm<{ reason?: string; dueAt?: string }>();
  const [contactForm] = Form.useForm<{ contact: string; channel: string; summary: string }>();
  const load = useCallback(async () => {
    if (!id) return setP(null);
    try {
      setP(await returnsApi.get(id, purpose));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }, [id, purpose, message]);
  useEffect(() => void load(), [load]);

  const move = async () => {
    if (!p || !moving) return;
    const v = await moveForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await returnsApi.move(p.id, {
        status: moving,
        version: p.version,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.dueAt ? { dueAt: new Date(`${v.dueAt}T23:59:59`).toISOString() } : {}),
      });
      message.success(t('saved'));
      setMoving(null);
      moveForm.resetFields();
      onChanged();
      void load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) message.error(t('version'));
      else {
        const m = applyFormError(moveForm, e);
        if (m) message.error(m);
      }
    }
  };
  const addContact = async () => {
    if (!p) return;
    const v = await contactForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await returnsApi.contact(p.id, v);
      message.success(t('saved'));
      contactForm.resetFields();
      void load();
    } catch (e) {
      const m = applyFormError(contactForm, e);
      if (m) message.error(m);
    }
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
                <Button htmlType="submit" block data-action="add-contact">
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
  onDone,
  treeData,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  treeData: ReturnType<typeof useUnits>['treeData'];
}) {
  const { t } = useReturnsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim() !== ''));
    if (body.dueAt) body.dueAt = new Date(`${body.dueAt}T23:59:59`).toISOString();
    try {
      await returnsApi.create(body);
      message.success(t('saved'));
      form.resetFields();
      onClose();
      onDone();
    } catch (e) {
      const m = applyFormError(form, e);
      if (m) message.error(m);
    }
  };
  return (
    <Modal
      open={open}
      title={t('add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ok')}
      cancelText={t('cancel')}
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

function ImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useReturnsT();
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<
    | { ok: string }
    | { problems: { row: number; field: string; reason: string }[]; message: string }
    | { error: string }
    | null
  >(null);
  const upload = async (file: File) => {
    setPercent(0);
    setResult(null);
    try {
      const r = await uploadWithProgress<{ imported: number }>('/api/v1/returns/import', file, setPercent);
      setResult({ ok: t('importDone', { n: r.imported }) });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const all = [...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details];
        const seen = new Set<string>();
        const problems = importProblems(all).filter((p) => {
          const k = `${p.row}|${p.field}|${p.reason}`;
          return seen.has(k) ? false : (seen.add(k), true);
        });
        setResult(
          problems.some((p) => p.row > 0)
            ? { problems, message: e.message }
            : { error: problems[0]?.reason ?? e.message },
        );
      } else setResult({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      setPercent(null);
    }
  };
  const close = () => {
    setResult(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('import')}
      onCancel={close}
      footer={<Button onClick={close}>{t('close')}</Button>}
      width={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('importDrop')}</p>
      </Upload.Dragger>
      {percent !== null && <Typography.Text>{percent}%</Typography.Text>}
      {result && 'ok' in result && (
        <Alert style={{ marginTop: 12 }} type="success" showIcon title={result.ok} data-testid="import-ok" />
      )}
      {result && 'error' in result && <Alert style={{ marginTop: 12 }} type="error" showIcon title={result.error} />}
      {result && 'problems' in result && (
        <>
          <Alert
            style={{ margin: '12px 0' }}
            type="error"
            showIcon
            title={t('importErrors')}
            description={result.message}
          />
          <Table
            size="small"
            rowKey={(p) => `${p.row}-${p.field}-${p.reason}`}
            dataSource={result.problems}
            pagination={{ pageSize: 10 }}
            data-testid="import-problems"
            columns={[
              { title: t('row'), dataIndex: 'row', width: 64 },
              { title: t('field'), dataIndex: 'field', width: 120 },
              { title: t('problem'), dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
