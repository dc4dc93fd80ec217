import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { CampaignView, RiskGroup } from '../../../../contract/prevention.ts';
import { api, request } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatTime } from '../../shared/labels.ts';

// SMS campaigns from a risk group: launch (holdout drawn at launch), daily batches, coverage per grid, effect.
const T = {
  launch: ['发起短信宣传', 'Launch SMS campaign'],
  text: ['短信内容（不含链接，系统自动附加“拒收请回复TD”）', 'SMS text (no links; the opt-out is appended)'],
  holdout: ['对照组比例', 'Holdout share'],
  cap: ['每日上限', 'Daily cap'],
  campaigns: ['宣传活动', 'Campaigns'],
  send: ['发送今日批次', "Send today's batch"],
  coverage: ['覆盖（按网格）', 'Coverage by grid'],
  target: ['目标人数', 'Targeted'],
  reached: ['已触达', 'Reached'],
  control: ['对照组', 'Holdout'],
  effect: ['成效（与对照组比较）', 'Effect vs holdout'],
  victims: ['受骗人数', 'Victims'],
  rate: ['受骗率', 'Rate'],
  diff: ['差值及 95% 置信区间', 'Difference, 95% CI'],
  significant: ['差异显著', 'Significant'],
  notSig: ['尚不显著', 'Not significant'],
  none: ['暂无数据', 'No data yet'],
  launched: ['已发起：目标 {t} 人，对照 {h} 人', 'Launched: {t} targeted, {h} holdout'],
} as const;

export function useLaunch(onDone: () => void) {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { message } = App.useApp();
  const [group, setGroup] = useState<RiskGroup | null>(null);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await request<{ id: string; target: number; holdout: number }>('POST', '/api/v1/prevention/campaigns', {
        body: {
          unitId: group!.unitId,
          fraudType: group!.fraudType,
          ageBand: group!.ageBand,
          ...(group!.occupation ? { occupation: group!.occupation } : {}),
          text: v.text,
          holdoutShare: v.holdoutShare,
          dailyCap: v.dailyCap,
        },
      });
      message.success(T.launched[en].replace('{t}', String(r.target)).replace('{h}', String(r.holdout)));
      setGroup(null);
      onDone();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const modal = (
    <Modal
      open={!!group}
      title={`${T.launch[en]} · ${group?.fraudTypeName ?? ''} · ${group?.unitName ?? ''}`}
      onCancel={() => setGroup(null)}
      onOk={submit}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          holdoutShare: 0.2,
          dailyCap: 1000,
          text: group
            ? `【反诈提醒】${group.fraudTypeName}是高发诈骗，凡要求先转账、先垫付的都是骗局，如有疑问请拨打96110。`
            : '',
        }}
      >
        <Form.Item name="text" label={T.text[en]} rules={[{ required: true, max: 300 }]}>
          <Input.TextArea rows={4} showCount maxLength={300} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="holdoutShare" label={T.holdout[en]}>
            <InputNumber min={0.05} max={0.5} step={0.05} />
          </Form.Item>
          <Form.Item name="dailyCap" label={T.cap[en]}>
            <InputNumber min={1} max={1000000} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
  return { open: setGroup, modal };
}

export function CampaignsPanel({ refresh }: { refresh: number }) {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { message } = App.useApp();
  const [items, setItems] = useState<
    {
      id: string;
      fraudType: string;
      unitName: string;
      ageBand: string;
      occupation: string | null;
      launchedAt: string;
    }[]
  >([]);
  const [open, setOpen] = useState<CampaignView | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await api.get<{ items: typeof items }>('/api/v1/prevention/campaigns')).items);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }, [message]);
  useEffect(() => void load(), [load, refresh]);
  const show = async (id: string) => {
    try {
      setOpen(await api.get<CampaignView>(`/api/v1/prevention/campaigns/${id}`));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const send = async (id: string) => {
    try {
      const r = await api.post<{ sent: number; optedOut: number; failed: number }>(
        `/api/v1/prevention/campaigns/${id}/send`,
      );
      message.success(`${r.sent} / ${r.optedOut} / ${r.failed}`);
      await show(id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return (
    <Card size="small" title={T.campaigns[en]} style={{ marginTop: 16 }}>
      <List
        dataSource={items}
        locale={{ emptyText: T.none[en] }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="v" size="small" onClick={() => void show(c.id)}>
                {T.coverage[en]}
              </Button>,
            ]}
          >
            <Space wrap size={4}>
              <Tag>{c.fraudType}</Tag>
              <Tag color="blue">{c.ageBand}</Tag>
              {c.occupation && <Tag>{c.occupation}</Tag>}
              {c.unitName}
              <Typography.Text type="secondary">{formatTime(c.launchedAt, lang)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={!!open}
        onCancel={() => setOpen(null)}
        footer={
          open && (
            <Button type="primary" onClick={() => void send(open.id)}>
              {T.send[en]}
            </Button>
          )
        }
        title={open?.text}
        width={Math.min(720, window.innerWidth)}
      >
        {open && (
          <>
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={open.coverage}
              columns={[
                { title: T.coverage[en], dataIndex: 'unitName' },
                { title: T.target[en], dataIndex: 'target' },
                { title: T.reached[en], dataIndex: 'reached' },
                { title: T.control[en], dataIndex: 'holdout' },
              ]}
            />
            <Descriptions size="small" column={1} style={{ marginTop: 12 }} title={T.effect[en]}>
              {open.effect ? (
                <>
                  <Descriptions.Item label={T.target[en]}>
                    {T.victims[en]} {open.effect.target.victims} / {open.effect.target.people} · {T.rate[en]}{' '}
                    {pct(open.effect.target.rate)}
                  </Descriptions.Item>
                  <Descriptions.Item label={T.control[en]}>
                    {T.victims[en]} {open.effect.holdout.victims} / {open.effect.holdout.people} · {T.rate[en]}{' '}
                    {pct(open.effect.holdout.rate)}
                  </Descriptions.Item>
                  <Descriptions.Item label={T.diff[en]}>
                    {pct(open.effect.difference)} [{pct(open.effect.ci95[0] ?? 0)}, {pct(open.effect.ci95[1] ?? 0)}]{' '}
                    <Tag color={open.effect.significant ? 'green' : 'default'}>
                      {open.effect.significant ? T.significant[en] : T.notSig[en]}
                    </Tag>
                  </Descriptions.Item>
                </>
              ) : (
                <Descriptions.Item>{T.none[en]}</Descriptions.Item>
              )}
            </Descriptions>
          </>
        )}
      </Modal>
    </Card>
  );
}
