import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, Progress, Select, Table, Tag, Typography } from 'antd';
import type { ScriptModelInfo, TextClassification } from '../../../../contract/fraud-types.ts';
import { api, request } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { formatTime } from '../../shared/labels.ts';
import { useRulesT } from './i18n.ts';
import type { BacktestResult } from '../../../../contract/rules.ts';
import { BacktestView } from './BacktestView.tsx';

const scriptApi = {
  info: () => api.get<ScriptModelInfo>('/api/v1/script/model'),
  classify: (text: string) => request<TextClassification>('POST', '/api/v1/script/classify', { body: { text } }),
  label: (text: string, label: string) =>
    request<{ id: number }>('POST', '/api/v1/script/labels', { body: { text, label, sourceKind: 'manual' } }),
  publish: (note?: string) => request<ScriptModelInfo>('POST', '/api/v1/script/model/publish', { body: { note } }),
  backtest: () =>
    request<BacktestResult>('POST', '/api/v1/rules/backtest/script-model', {
      body: { source: { kind: 'simulation' } },
    }),
  decide: (id: number, decision: 'accept' | 'reject') =>
    request<{ id: number; labelId: number | null }>('POST', `/api/v1/script/proposals/${id}`, { body: { decision } }),
};

/** Script recognition: try a text (probabilities and the words that drove them), label texts, publish a model. */
export function ScriptModelTab({ canWrite }: { canWrite: boolean }) {
  const rt = useRulesT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [info, setInfo] = useState<ScriptModelInfo | null>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<TextClassification | null>(null);
  const [label, setLabel] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [bt, setBt] = useState<BacktestResult | null>(null);
  const [btRunning, setBtRunning] = useState(false);
  const SRC = { warning: 'srcWarning', case: 'srcCase', knowledge: 'srcKnowledge', manual: 'srcManual' } as const;
  const en = lang === 'en-US';
  const typeName = (code: string) =>
    code === 'normal' ? rt('normalText') : (FRAUD_TYPES.find(([c]) => c === code)?.[en ? 2 : 1] ?? code);
  const load = useCallback(async () => {
    if (canWrite) setInfo(await scriptApi.info());
  }, [canWrite]);
  useEffect(() => {
    void load().catch((e: unknown) => message.error(String(e)));
  }, [load, message]);
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={rt('tryText')}>
        <Input.TextArea
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={rt('tryPlaceholder')}
        />
        <Flex gap={8} style={{ marginTop: 8 }} wrap>
          <Button
            type="primary"
            disabled={!text.trim()}
            onClick={() => void run(async () => setResult(await scriptApi.classify(text)))}
          >
            {rt('classify')}
          </Button>
          {canWrite && (
            <>
              <Select
                style={{ minWidth: 200 }}
                placeholder={rt('trueType')}
                value={label}
                onChange={setLabel}
                options={[
                  ...FRAUD_TYPES.map(([c]) => ({ value: c, label: typeName(c) })),
                  { value: 'normal', label: rt('normalText') },
                ]}
              />
              <Button
                disabled={!text.trim() || !label}
                onClick={() =>
                  void run(async () => {
                    await scriptApi.label(text, label!);
                    message.success(rt('labelSaved'));
                    await load();
                  })
                }
              >
                {rt('addLabel')}
              </Button>
            </>
          )}
        </Flex>
        {result && (
          <div style={{ marginTop: 12 }} data-testid="classification">
            <Typography.Text>
              {rt('readAs')} <Tag color={result.label === 'normal' ? 'green' : 'volcano'}>{typeName(result.label)}</Tag>
            </Typography.Text>
            {result.words.length > 0 && (
              <div>
                {rt('drivenBy')}{' '}
                {result.words.map((w) => (
                  <Tag key={w}>{w}</Tag>
                ))}
              </div>
            )}
            {result.probabilities.slice(0, 4).map((p) => (
              <Flex key={p.code} gap={8} align="center">
                <span style={{ width: 160 }}>{typeName(p.code)}</span>
                <Progress percent={Math.round(p.p * 100)} size="small" style={{ flex: 1 }} />
              </Flex>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {result.modelVersion}
            </Typography.Text>
          </div>
        )}
      </Card>
      {canWrite && info && (
        <Card size="small" title={rt('model')}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'a', label: rt('activeModel'), children: <code>{info.activeVersion}</code> },
              {
                key: 'p',
                label: rt('publishedModel'),
                children: info.published
                  ? `${info.published.version} · ${info.published.publishedByName} · ${formatTime(info.published.publishedAt, lang)} · CV ${Math.round(info.published.metrics.macroRecall * 100)}%`
                  : rt('shippedCorpus'),
              },
              { key: 'n', label: rt('pendingLabels'), children: info.pendingLabels },
            ]}
          />
          <Flex gap={8} wrap style={{ margin: '8px 0' }}>
            <Input
              style={{ flex: 1, minWidth: 240 }}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={rt('note')}
            />
            <Button
              type="primary"
              disabled={info.pendingLabels === 0}
              onClick={() =>
                void run(async () => {
                  setInfo(await scriptApi.publish(note.trim() || undefined));
                  setNote('');
                  message.success(rt('published'));
                })
              }
            >
              {rt('publish')}
            </Button>
            <Button
              loading={btRunning}
              onClick={() =>
                void run(async () => {
                  setBtRunning(true);
                  try {
                    setBt(await scriptApi.backtest());
                  } finally {
                    setBtRunning(false);
                  }
                })
              }
            >
              {rt('backtestModel')}
            </Button>
          </Flex>
          {bt && (
            <div style={{ marginBottom: 8 }}>
              <BacktestView r={bt} />
            </div>
          )}
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={info.labels}
            scroll={{ x: 600 }}
            columns={[
              { title: rt('trueType'), dataIndex: 'label', width: 160, render: (c: string) => typeName(c) },
              { title: rt('textCol'), dataIndex: 'text' },
              { title: rt('by'), dataIndex: 'labelledByName', width: 120 },
            ]}
          />
        </Card>
      )}
      {info && info.proposals.length > 0 && (
        <Card size="small" title={rt('proposalsTitle', { n: info.proposals.length })} data-testid="label-proposals">
          <Typography.Paragraph type="secondary">{rt('proposalsHint')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={info.proposals}
            scroll={{ x: 600 }}
            columns={[
              { title: rt('trueType'), dataIndex: 'label', width: 160, render: (c: string) => typeName(c) },
              { title: rt('textCol'), dataIndex: 'text' },
              {
                title: rt('warningCol'),
                key: 'src',
                width: 160,
                render: (_: unknown, p: ScriptModelInfo['proposals'][number]) => (
                  <>
                    <Tag>{rt(SRC[p.sourceKind as keyof typeof SRC] ?? 'srcManual')}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.sourceId}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: '',
                key: 'act',
                width: 160,
                render: (_: unknown, p: ScriptModelInfo['proposals'][number]) => (
                  <Flex gap={4}>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        void run(async () => {
                          await scriptApi.decide(p.id, 'accept');
                          await load();
                        })
                      }
                    >
                      {rt('accept')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() =>
                        void run(async () => {
                          await scriptApi.decide(p.id, 'reject');
                          await load();
                        })
                      }
                    >
                      {rt('reject')}
                    </Button>
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
