import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { BacktestResult } from '../../../../contract/rules.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { useRulesT } from './i18n.ts';
import { formatTime } from '../../shared/labels.ts';

type Example = BacktestResult['gained'][number];
const LEVEL_COLOR = { high: 'red', medium: 'orange', low: 'gold' } as const;
const LEVEL_NAME = { high: ['高', 'High'], medium: ['中', 'Medium'], low: ['低', 'Low'] } as const;

/** What a draft configuration or script model would change on a simulated city or a stored period: per level, per type and level, and examples. */
export function BacktestView({ r }: { r: BacktestResult }) {
  const rt = useRulesT();
  const { lang } = useI18n();
  const level = (l: 'low' | 'medium' | 'high' | null) =>
    l ? <Tag color={LEVEL_COLOR[l]}>{LEVEL_NAME[l][lang === 'en-US' ? 1 : 0]}</Tag> : <Tag>{rt('none')}</Tag>;
  const typeName = (code: string | null, zh?: string) =>
    !code
      ? '—'
      : lang === 'en-US'
        ? (FRAUD_TYPES.find(([c]) => c === code)?.[2] ?? code)
        : (zh ?? FRAUD_TYPES.find(([c]) => c === code)?.[1] ?? code);
  const delta = (n: number, sign: '+' | '−') =>
    n ? (
      <Typography.Text type={sign === '+' ? 'success' : 'danger'}>
        {sign}
        {n}
      </Typography.Text>
    ) : (
      '0'
    );
  const exampleColumns = [
    { title: rt('subject'), dataIndex: 'subject', width: 110 },
    {
      title: rt('change'),
      key: 'c',
      width: 150,
      render: (_: unknown, e: Example) => (
        <>
          {level(e.before)} → {level(e.after)}
        </>
      ),
    },
    { title: rt('fraudTypes'), dataIndex: 'type', width: 140, render: (c: string | null) => typeName(c) },
    {
      title: rt('onVictim'),
      dataIndex: 'onVictim',
      width: 80,
      render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="red">✓</Tag> : '—'),
    },
    {
      title: rt('description'),
      dataIndex: 'reason',
      render: (s: string, e: Example) => (
        <>
          {s}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.rules.join(', ')}
            </Typography.Text>
          </div>
        </>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={
        r.models
          ? rt('modelBacktestTitle', { draft: r.models.draft, current: r.models.current })
          : rt(r.source.kind === 'stored' ? 'storedTitle' : 'backtestTitle', { v: r.currentVersion })
      }
      data-testid="backtest"
    >
      <Typography.Paragraph type="secondary">
        {r.models && r.source.kind === 'simulation'
          ? rt('modelBacktestHint', {
              examples: r.models.draftExamples,
              n: r.models.newLabels,
              people: r.source.people,
              days: r.source.days,
              events: r.events.toLocaleString(),
            })
          : r.models && r.source.kind === 'stored'
            ? rt('modelStoredHint', {
                examples: r.models.draftExamples,
                n: r.models.newLabels,
                from: formatTime(r.source.from, lang),
                to: formatTime(r.source.to, lang),
                events: r.events.toLocaleString(),
              })
            : r.source.kind === 'stored'
              ? rt('storedHint', {
                  from: new Date(r.source.from).toLocaleString(),
                  to: new Date(r.source.to).toLocaleString(),
                  events: r.events.toLocaleString(),
                })
              : rt('backtestHint', { people: r.source.people, days: r.source.days, events: r.events.toLocaleString() })}
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        <Table
          size="small"
          rowKey="level"
          pagination={false}
          dataSource={r.byLevel}
          scroll={{ x: 560 }}
          columns={[
            { title: rt('level'), dataIndex: 'level', render: (l: 'low' | 'medium' | 'high') => level(l) },
            { title: rt('before'), dataIndex: 'before' },
            { title: rt('after'), dataIndex: 'after' },
            { title: rt('gained'), dataIndex: 'gained', render: (n: number) => delta(n, '+') },
            { title: rt('lost'), dataIndex: 'lost', render: (n: number) => delta(n, '−') },
            {
              title: rt('victims'),
              key: 'v',
              render: (_: unknown, l: BacktestResult['byLevel'][number]) =>
                l.victimsBefore === null ? '—' : `${l.victimsBefore} → ${l.victimsAfter}`,
            },
          ]}
        />
        <Typography.Text strong>{rt('byType')}</Typography.Text>
        <Table
          size="small"
          rowKey={(x) => `${x.type}|${x.level}`}
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={r.rows.filter((x) => x.gained || x.lost)}
          columns={[
            {
              title: rt('fraudTypes'),
              key: 't',
              render: (_: unknown, x: BacktestResult['rows'][number]) => typeName(x.type || null, x.typeName),
            },
            { title: rt('level'), dataIndex: 'level', render: (l: 'low' | 'medium' | 'high') => level(l) },
            { title: rt('before'), dataIndex: 'before' },
            { title: rt('after'), dataIndex: 'after' },
            { title: rt('gained'), dataIndex: 'gained', render: (n: number) => delta(n, '+') },
            { title: rt('lost'), dataIndex: 'lost', render: (n: number) => delta(n, '−') },
          ]}
        />
        <Typography.Text strong>{rt('gainedExamples')}</Typography.Text>
        <Table
          size="small"
          rowKey="subject"
          pagination={false}
          dataSource={r.gained}
          columns={exampleColumns}
          scroll={{ x: 700 }}
        />
        <Typography.Text strong>{rt('lostExamples')}</Typography.Text>
        <Table
          size="small"
          rowKey="subject"
          pagination={false}
          dataSource={r.lost}
          columns={exampleColumns}
          scroll={{ x: 700 }}
        />
      </Flex>
    </Card>
  );
}
