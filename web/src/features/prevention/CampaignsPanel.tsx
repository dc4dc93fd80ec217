import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
import type { NewCampaign, RiskGroup } from '../../../../contract/prevention.ts';
import { preventionApi, preventionQueries } from './api.ts';
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

/** The launch dialog for a risk group: `open(group)` shows it; a launch invalidates ['prevention'] (the campaigns). */
export function useLaunch() {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { message } = App.useApp();
  const [group, setGroup] = useState<RiskGroup | null>(null);
  const [form] = Form.useForm();
  const queries = useQueryClient();
  const launch = useMutation({
    mutationFn: preventionApi.launch,
    onSuccess: (r) => {
      message.success(T.launched[en].replace('{t}', String(r.target)).replace('{h}', String(r.holdout)));
      setGroup(null);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['prevention'] }),
  });
  const submit = async () => {
    const v = await form.validateFields();
    launch.mutate({
      unitId: group!.unitId,
      fraudType: group!.fraudType,
      ageBand: group!.ageBand as NewCampaign['ageBand'],
      ...(group!.occupation ? { occupation: group!.occupation } : {}),
      text: v.text,
      holdoutShare: v.holdoutShare,
      dailyCap: v.dailyCap,
    });
  };
  const modal = (
    <Modal
      open={!!group}
      title={`${T.launch[en]} · ${group?.fraudTypeName ?? ''} · ${group?.unitName ?? ''}`}
      onCancel={() => setGroup(null)}
      onOk={submit}
      confirmLoading={launch.isPending}
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

export function CampaignsPanel() {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { message } = App.useApp();
  const { data: items = [] } = useQuery({ ...preventionQueries.campaigns(), select: (r) => r.items });
  const [openId, setOpenId] = useState<string | null>(null);
  const { data: open = null } = useQuery({ ...preventionQueries.campaign(openId ?? ''), enabled: !!openId });
  const show = (id: string) => setOpenId(id);
  const queries = useQueryClient();
  // today's batch: the campaign's coverage and effect change with it
  const batch = useMutation({
    mutationFn: preventionApi.sendBatch,
    onSuccess: (r) => message.success(`${r.sent} / ${r.optedOut} / ${r.failed}`),
    onSettled: () => queries.invalidateQueries({ queryKey: ['prevention'] }),
  });
  const send = (id: string) => batch.mutate(id);
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return (
    <Card size="small" title={T.campaigns[en]} style={{ marginTop: 16 }}>
      <List
        dataSource={items}
        locale={{ emptyText: T.none[en] }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="v" size="small" onClick={() => show(c.id)}>
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
        onCancel={() => setOpenId(null)}
        footer={
          open && (
            <Button type="primary" loading={batch.isPending} onClick={() => send(open.id)}>
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
