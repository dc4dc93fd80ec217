import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, Progress, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ScriptModelInfo } from '../../../../contract/fraud-types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { formatTime } from '../../shared/labels.ts';
import { useRulesT } from './i18n.ts';
import { BacktestView } from './BacktestView.tsx';
import { rulesKeys, rulesQueries, scriptApi, useBacktestJob } from './api.ts';
import { JobProgress, PeriodPicker, type Period } from './StoredPeriod.tsx';

/**
 * Script recognition: try a text (probabilities and the words that drove them), label texts, backtest the draft
 * model (a simulated city, or a stored period replayed in the background), publish it.
 */
export function ScriptModelTab({ canWrite }: { canWrite: boolean }) {
  const rt = useRulesT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [label, setLabel] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [range, setRange] = useState<Period | null>(null);
  // which backtest's diff is on screen: the latest one asked for
  const [shown, setShown] = useState<'simulation' | 'stored' | null>(null);
  const SRC = { warning: 'srcWarning', case: 'srcCase', knowledge: 'srcKnowledge', manual: 'srcManual' } as const;
  const en = lang === 'en-US';
  const typeName = (code: string) =>
    code === 'normal' ? rt('normalText') : (FRAUD_TYPES.find(([c]) => c === code)?.[en ? 2 : 1] ?? code);

  const info = useQuery({ queryKey: rulesKeys.scriptModel, queryFn: rulesQueries.scriptModel, enabled: canWrite });
  // a new label or a decided proposal changes the pending count and the lists
  const changed = () => qc.invalidateQueries({ queryKey: rulesKeys.scriptModel });
  const classify = useMutation({ mutationFn: scriptApi.classify });
  const addLabel = useMutation({
    mutationFn: ({ text, label }: { text: string; label: string }) => scriptApi.label(text, label),
    onSuccess: () => message.success(rt('labelSaved')),
    onSettled: changed,
  });
  const publish = useMutation({
    mutationFn: scriptApi.publish,
    onSuccess: (m) => {
      qc.setQueryData(rulesKeys.scriptModel, m);
      setNote('');
      message.success(rt('published'));
    },
    onSettled: changed,
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'accept' | 'reject' }) => scriptApi.decide(id, decision),
    onSettled: changed,
  });
  const simulated = useMutation({ mutationFn: scriptApi.backtest, onMutate: () => setShown('simulation') });
  const stored = useMutation({
    mutationFn: ([from, to]: Period) => scriptApi.storedBacktest(from, to),
    onMutate: () => setShown('stored'),
  });
  const job = useBacktestJob(stored.data);
  const running = stored.isPending || job.data?.state === 'running';
  const result = shown === 'simulation' ? simulated.data : shown === 'stored' ? job.data?.result : undefined;
  const m = info.data;
  const reading = classify.data;

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
            loading={classify.isPending}
            onClick={() => classify.mutate(text)}
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
                loading={addLabel.isPending}
                onClick={() => label && addLabel.mutate({ text, label })}
              >
                {rt('addLabel')}
              </Button>
            </>
          )}
        </Flex>
        {reading && (
          <div style={{ marginTop: 12 }} data-testid="classification">
            <Typography.Text>
              {rt('readAs')}{' '}
              <Tag color={reading.label === 'normal' ? 'green' : 'volcano'}>{typeName(reading.label)}</Tag>
            </Typography.Text>
            {reading.words.length > 0 && (
              <div>
                {rt('drivenBy')}{' '}
                {reading.words.map((w) => (
                  <Tag key={w}>{w}</Tag>
                ))}
              </div>
            )}
            {reading.probabilities.slice(0, 4).map((p) => (
              <Flex key={p.code} gap={8} align="center">
                <span style={{ width: 160 }}>{typeName(p.code)}</span>
                <Progress percent={Math.round(p.p * 100)} size="small" style={{ flex: 1 }} />
              </Flex>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {reading.modelVersion}
            </Typography.Text>
          </div>
        )}
      </Card>
      {canWrite && m && (
        <Card size="small" title={rt('model')}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'a', label: rt('activeModel'), children: <code>{m.activeVersion}</code> },
              {
                key: 'p',
                label: rt('publishedModel'),
                children: m.published
                  ? `${m.published.version} · ${m.published.publishedByName} · ${formatTime(m.published.publishedAt, lang)} · CV ${Math.round(m.published.metrics.macroRecall * 100)}%`
                  : rt('shippedCorpus'),
              },
              { key: 'n', label: rt('pendingLabels'), children: m.pendingLabels },
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
              disabled={m.pendingLabels === 0}
              loading={publish.isPending}
              onClick={() => publish.mutate(note.trim() || undefined)}
            >
              {rt('publish')}
            </Button>
            <Button loading={simulated.isPending} disabled={running} onClick={() => simulated.mutate()}>
              {rt('backtestModel')}
            </Button>
          </Flex>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{rt('modelStoredLead')}</Typography.Text>
            <PeriodPicker onChange={setRange} testId="model-stored-range" />
            <Button
              disabled={!range || simulated.isPending}
              loading={running}
              onClick={() => range && stored.mutate(range)}
              data-testid="model-stored-backtest"
            >
              {rt('storedModelBacktest')}
            </Button>
          </Flex>
          {shown === 'stored' && (
            <div style={{ marginBottom: 8 }}>
              <JobProgress job={job.data} />
            </div>
          )}
          {result && (
            <div style={{ marginBottom: 8 }}>
              <BacktestView r={result} />
            </div>
          )}
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={m.labels}
            scroll={{ x: 600 }}
            columns={[
              { title: rt('trueType'), dataIndex: 'label', width: 160, render: (c: string) => typeName(c) },
              { title: rt('textCol'), dataIndex: 'text' },
              { title: rt('by'), dataIndex: 'labelledByName', width: 120 },
            ]}
          />
        </Card>
      )}
      {m && m.proposals.length > 0 && (
        <Card size="small" title={rt('proposalsTitle', { n: m.proposals.length })} data-testid="label-proposals">
          <Typography.Paragraph type="secondary">{rt('proposalsHint')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10 }}
            dataSource={m.proposals}
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
                      disabled={decide.isPending}
                      onClick={() => decide.mutate({ id: p.id, decision: 'accept' })}
                    >
                      {rt('accept')}
                    </Button>
                    <Button
                      size="small"
                      disabled={decide.isPending}
                      onClick={() => decide.mutate({ id: p.id, decision: 'reject' })}
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
