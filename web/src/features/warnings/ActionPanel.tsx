import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  TreeSelect,
} from 'antd';
import type { WarningAction } from '../../../../contract/dissuasion.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session.tsx';
import { useUnits } from '../admin/units/useUnits.ts';
import { warningsApi } from './api.ts';
import { CHECKLIST_KEYS, useWarnT } from './i18n.ts';

// The lifecycle actions the warning's state allows, as big buttons (a phone on a doorstep is the target
// screen); the ones that need input open a small form. The server decides: a refused action shows its reason.
const PRIMARY = ['sign', 'start_visit', 'record_contact', 'close'];
const DISPOSITIONS = ['dissuaded', 'defrauded', 'unreachable', 'refused', 'false_alarm'] as const;

export function ActionPanel({
  id,
  allowed,
  dispositions = DISPOSITIONS as unknown as string[],
  onDone,
  compact,
}: {
  id: string;
  allowed: string[];
  onDone(): void;
  compact?: boolean;
  /** dispositions the state allows (before 签收 only 误报); the close form offers only these */
  dispositions?: string[];
}) {
  const t = useWarnT();
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm();
  const { can } = useSession();
  const queries = useQueryClient();
  const mayAct = can('warnings:write');
  const { treeData } = useUnits(mayAct && allowed.includes('dispatch'));
  const assignees = useQuery({
    queryKey: ['warnings', 'assignees', id],
    queryFn: () => warningsApi.assignees(id),
    enabled: open === 'assign',
  });
  const people = (assignees.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.unitName}` }));
  const closeWith = DISPOSITIONS.filter((d) => dispositions.includes(d));

  const action = useMutation({
    mutationFn: (a: WarningAction) => warningsApi.act(id, a),
    onSuccess: (_r, a) => {
      message.success(t(`action.${a.type}`) + ' ✓');
      setOpen(null);
      form.resetFields();
      onDone();
    },
    // the board, the inbox, this warning's detail: whatever shows it reads it again (refused or not)
    onSettled: () => queries.invalidateQueries({ queryKey: ['warnings'] }),
  });
  const busy = action.isPending;
  const run = (a: WarningAction) => action.mutate(a);
  const click = (a: string) => (a === 'sign' || a === 'start_visit' ? void run({ type: a }) : setOpen(a));
  const checklistOf = (v: Record<string, unknown>) => {
    const ticked = (v.checklist as string[] | undefined) ?? [];
    return ticked.length ? Object.fromEntries(ticked.map((k) => [k, true])) : undefined;
  };
  const submit = async () => {
    const v = await form.validateFields();
    switch (open) {
      case 'record_contact':
        return run({
          type: 'record_contact',
          channel: v.channel,
          reached: !!v.reached,
          ...(v.note ? { note: v.note } : {}),
          ...(checklistOf(v) ? { checklist: checklistOf(v) } : {}),
        });
      case 'close':
        return run({
          type: 'close',
          disposition: v.disposition,
          note: v.note ?? '',
          ...(v.lossAvoided != null ? { lossAvoided: v.lossAvoided } : {}),
          ...(v.loss != null ? { loss: v.loss } : {}),
          ...(checklistOf(v) ? { checklist: checklistOf(v) } : {}),
        });
      case 'dispatch':
        return run({ type: 'dispatch', unitId: v.unitId });
      case 'escalate':
        return run({ type: 'escalate', reason: v.reason });
      case 'reopen':
        return run({ type: 'reopen', reason: v.reason });
      case 'assign':
        return run({ type: 'assign', userId: v.userId });
    }
  };
  // the state allows these; the role must too (a leader reads warnings but does not act on them)
  if (!mayAct) return null;
  const order = [...allowed].sort((a, b) => (PRIMARY.indexOf(a) + 1 || 99) - (PRIMARY.indexOf(b) + 1 || 99));
  const checklist = (
    <Form.Item name="checklist" label={t('checklist')}>
      <Checkbox.Group
        options={CHECKLIST_KEYS.map((k) => ({ value: k, label: t(`ck.${k}`) }))}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))' }}
      />
    </Form.Item>
  );
  return (
    <>
      <Flex wrap gap={8}>
        {order.map((a) => (
          <Button
            key={a}
            size={compact ? 'middle' : 'large'}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={a === 'escalate'}
            loading={busy && open === null}
            onClick={() => click(a)}
            data-action={a}
            style={{ minWidth: compact ? 88 : 120 }}
          >
            {t(`action.${a}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={open !== null}
        title={open ? t(`action.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        okText={t('ok')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ channel: 'visit', reached: true, disposition: closeWith[0] ?? 'dissuaded' }}
        >
          {open === 'record_contact' && (
            <>
              <Form.Item name="channel" label={t('channel')}>
                <Select
                  options={['visit', 'phone', 'relative', 'sms', 'other'].map((c) => ({
                    value: c,
                    label: t(`ch.${c}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="reached" label={t('reached')} valuePropName="checked">
                <Switch />
              </Form.Item>
              {checklist}
              <Form.Item name="note" label={t('note')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {open === 'close' && (
            <>
              {closeWith.length === 1 && closeWith[0] === 'false_alarm' && (
                <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('onlyFalseAlarm')} />
              )}
              <Form.Item name="disposition" label={t('disposition')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={closeWith.map((d) => ({ value: d, label: t(`disp.${d}`) }))}
                />
              </Form.Item>
              <Flex gap={12} wrap>
                <Form.Item name="lossAvoided" label={t('lossAvoided')}>
                  <InputNumber min={0} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name="loss" label={t('loss')}>
                  <InputNumber min={0} style={{ width: 180 }} />
                </Form.Item>
              </Flex>
              {checklist}
              <Form.Item name="note" label={t('note')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {open === 'dispatch' && (
            <Form.Item name="unitId" label={t('dispatchTo')} rules={[{ required: true, message: t('selectUnit') }]}>
              <TreeSelect treeData={treeData} showSearch treeNodeFilterProp="title" placeholder={t('selectUnit')} />
            </Form.Item>
          )}
          {(open === 'escalate' || open === 'reopen') && (
            <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          {open === 'assign' && (
            <Form.Item name="userId" label={t('assignee')} rules={[{ required: true, message: t('chooseAssignee') }]}>
              <Select showSearch optionFilterProp="label" placeholder={t('chooseAssignee')} options={people} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
