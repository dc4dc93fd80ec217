import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Table } from 'antd';
import type { DeskCallInput } from '../../../../contract/public.ts';
import { DESK_TOPICS, PUBLIC_KINDS } from '../../../../contract/public.ts';
import { useFraudTypeName } from '../warnings/i18n.ts';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { publicQueries } from '../public/api.ts';
import { deskApi, deskQueries } from './api.ts';
import { useStatsT } from './i18n.ts';

type Form = Omit<DeskCallInput, 'turnInto'> & { turnInto?: DeskCallInput['turnInto'] | 'none' };

/** The 96110 desk: log the call, optionally turn it into a report, a warning or a case intake in the same action. */
export default function DeskPage() {
  const t = useStatsT();
  const ft = useFraudTypeName();
  const { message } = App.useApp();
  const [form] = Form.useForm<Form>();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery(deskQueries.list(page)).data;
  // the answers to read out (the public education texts): a help, so quiet when it fails
  const edu = useQuery({ ...publicQueries.education, meta: { quiet: true } }).data;
  const log = useMutation({
    mutationFn: deskApi.log,
    onSuccess: () => {
      message.success(t('saved'));
      form.resetFields();
    },
    // a call turned into a warning shows on the warning lists too
    onSettled: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ['desk'] }), qc.invalidateQueries({ queryKey: ['warnings'] })]),
    onError: (e) => {
      const err = e as { details?: { field: string; reason: string }[]; message: string };
      if (err.details?.length)
        form.setFields(err.details.map((d) => ({ name: d.field as keyof Form, errors: [d.reason] })));
      else message.error(err.message);
    },
  });
  const submit = (v: Form) => {
    const body: DeskCallInput = Object.fromEntries(
      Object.entries({ ...v, turnInto: v.turnInto === 'none' ? undefined : v.turnInto }).filter(
        ([, x]) => x !== undefined && x !== null && x !== '',
      ),
    ) as DeskCallInput;
    log.mutate(body);
  };
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('deskLog')}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ topic: 'consult', turnInto: 'none' }}>
            <Form.Item name="callerPhone" label={t('caller')}>
              <Input inputMode="tel" />
            </Form.Item>
            <Form.Item name="callerName" label={t('callerName')}>
              <Input />
            </Form.Item>
            <Form.Item name="topic" label={t('topic')}>
              <Radio.Group options={DESK_TOPICS.map((v) => ({ value: v, label: t(`topic.${v}`) }))} />
            </Form.Item>
            <Form.Item name="question" label={t('question')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="fraudType" label={t('fraudType')}>
              <Select
                allowClear
                options={FRAUD_TYPES.map(([code]) => ({ value: code, label: ft({ code, name: code }) }))}
                aria-label={t('fraudType')}
              />
            </Form.Item>
            <Form.Item shouldUpdate={(a, b) => a.fraudType !== b.fraudType} noStyle>
              {({ getFieldValue }) => {
                const code = getFieldValue('fraudType') as string | undefined;
                const item = edu?.items.find((i) => i.code === code);
                const points = item ? [item.summary, ...item.signs].filter(Boolean) : [];
                return points.length ? (
                  <Card size="small" type="inner" title={t('talkingPoints')} style={{ marginBottom: 12 }}>
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {points.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </Card>
                ) : null;
              }}
            </Form.Item>
            <Form.Item name="advice" label={t('advice')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Row gutter={8}>
              <Col span={10}>
                <Form.Item name="kind" label={t('kind')}>
                  <Select
                    allowClear
                    aria-label={t('kind')}
                    options={PUBLIC_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="value" label={t('value')}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="loss" label={t('loss')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="turnInto" label={t('turnInto')}>
              <Radio.Group
                options={[
                  { value: 'none', label: t('none') },
                  ...(['report', 'warning', 'case_intake'] as const).map((v) => ({ value: v, label: t(`turn.${v}`) })),
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={log.isPending}>
              {t('save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('desk')}>
          <Table
            size="small"
            rowKey="id"
            dataSource={list?.items ?? []}
            scroll={{ x: true }}
            pagination={{ current: page, pageSize: 50, total: list?.total ?? 0, onChange: setPage }}
            columns={[
              { title: t('at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
              { title: t('caller'), dataIndex: 'callerPhone' },
              { title: t('topic'), dataIndex: 'topic', render: (v: string) => t(`topic.${v}`) },
              { title: t('question'), dataIndex: 'question' },
              { title: t('outcome'), dataIndex: 'outcome', render: (v: string) => t(`outcome.${v}`) },
              { title: t('operator'), dataIndex: 'operator' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
