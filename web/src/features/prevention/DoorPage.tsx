import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Input,
  Progress,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatTime } from '../../shared/labels.ts';
import { TaskCard, TaskCardList } from '../../components/TaskCards.tsx';
import { useUnmask } from '../../components/Unmask.tsx';
import { useSession } from '../auth/session.tsx';
import { preventionApi, preventionQueries, type DoorProgress, type DoorTask } from './api.ts';
import { OUTCOME_COLOR, usePrevT } from './i18n.ts';
import { VISIT_OUTCOME_VALUES } from '../../../../contract/prevention.ts';

// 入户走访 on a phone: the grid worker's own list (the targeted residents of door-to-door campaigns in their grid,
// not yet met first), one card each with the big "记录走访" button; the outcome sheet saves on the tap of an
// outcome (two taps in all). Progress on top. Officers and analysts also see the progress per grid and per grid
// worker. Same shape as the station's phone pages (InboxPage, FollowupsPage).
export default function DoorPage() {
  const { t, code, fraudType, lang } = usePrevT();
  const { message } = App.useApp();
  const { user, can } = useSession();
  const unmask = useUnmask({ unmask: t('unmask'), mask: t('showMasked') });
  const why = unmask.why;
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const [editing, setEditing] = useState<DoorTask | null>(null);
  const [note, setNote] = useState('');
  const mayVisit = can('prevention:visit') || can('prevention:write');
  const overseer = can('prevention:write');
  const doorTasks = useQuery(preventionQueries.doorTasks(why));
  const tasks = useMemo(() => doorTasks.data?.items ?? [], [doorTasks.data]);
  const { data: progress } = useQuery({ ...preventionQueries.doorProgress(campaignId), enabled: overseer });
  // campaigns launched in the user's subtree; a grid worker's campaigns come from the list itself
  const { data: campaigns = [] } = useQuery({
    ...preventionQueries.campaigns(),
    meta: { quiet: true },
    select: (r) => r.items.filter((c) => c.channels.includes('door')),
  });
  const queries = useQueryClient();
  const visit = useMutation({
    mutationFn: (v: { task: DoorTask; outcome: string; note: string }) =>
      preventionApi.visit(v.task.campaignId, {
        residentId: v.task.residentId,
        outcome: v.outcome as (typeof VISIT_OUTCOME_VALUES)[number],
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: (_, v) => {
      message.success(`${t('saved')} · ${code(v.outcome)}`);
      setEditing(null);
      setNote('');
    },
    // the list's outcome tags and the progress figures
    onSettled: () => queries.invalidateQueries({ queryKey: ['prevention'] }),
  });

  const options = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of campaigns) m.set(c.id, `${fraudType(c.fraudType)} · ${code(c.ageBand)} · ${c.unitName}`);
    for (const x of tasks) if (!m.has(x.campaignId)) m.set(x.campaignId, x.fraudTypeName);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [campaigns, tasks, fraudType, code]);

  const shown = campaignId ? tasks.filter((x) => x.campaignId === campaignId) : tasks;
  const visited = shown.filter((x) => x.lastOutcome).length;
  const met = shown.filter((x) => x.lastOutcome === 'met').length;

  const record = (outcome: string) => {
    if (editing) visit.mutate({ task: editing, outcome, note: note.trim() });
  };

  return (
    <>
      <PageHeader
        title={user?.role === 'grid_worker' ? t('myList') : t('door')}
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ minWidth: 200, maxWidth: '100%' }}
              placeholder={t('allCampaigns')}
              value={campaignId}
              onChange={setCampaignId}
              options={options}
              data-testid="door-campaign"
            />
            {unmask.toggle}
          </Space>
        }
      />
      <Card size="small" style={{ maxWidth: 720, marginBottom: 12 }} data-testid="door-progress">
        <Flex gap={16} wrap>
          <Statistic title={t('target')} value={shown.length} />
          <Statistic title={t('visited')} value={visited} />
          <div data-testid="door-met">
            <Statistic title={t('met')} value={met} />
          </div>
        </Flex>
        <Progress
          percent={shown.length ? Math.round((visited / shown.length) * 100) : 0}
          success={{ percent: shown.length ? Math.round((met / shown.length) * 100) : 0 }}
          aria-label={t('progress')}
        />
      </Card>
      <TaskCardList empty={t('noTasks')} loaded={doorTasks.isSuccess} count={shown.length}>
        {shown.map((x) => (
          <TaskCard
            key={`${x.campaignId}|${x.residentId}`}
            data={{ 'data-resident': x.residentId }}
            title={
              <>
                <b>{x.name || '—'}</b>
                <Tag>{fraudType(x.fraudType)}</Tag>
              </>
            }
            extra={
              x.lastOutcome ? (
                <Tag color={OUTCOME_COLOR[x.lastOutcome]} data-outcome={x.lastOutcome}>
                  {code(x.lastOutcome)}
                </Tag>
              ) : null
            }
            action={
              mayVisit &&
              x.lastOutcome !== 'met' && { label: t('record'), onClick: () => setEditing(x), testId: 'record-visit' }
            }
          >
            {x.address && <Typography.Text>{x.address}</Typography.Text>}
            <Space wrap size={8}>
              {x.phone &&
                (why ? (
                  <a href={`tel:${x.phone}`}>
                    <code>{x.phone}</code>
                  </a>
                ) : (
                  <code>{x.phone}</code>
                ))}
              <Typography.Text type="secondary">{x.unitName}</Typography.Text>
              {x.lastVisitedAt && (
                <Typography.Text type="secondary">
                  {t('lastVisit')} {formatTime(x.lastVisitedAt, lang)}
                </Typography.Text>
              )}
            </Space>
          </TaskCard>
        ))}
      </TaskCardList>
      {overseer && progress && <ProgressTables progress={progress} />}
      <Drawer
        open={!!editing}
        placement="bottom"
        size="auto"
        title={editing ? `${t('record')} · ${editing.name}` : ''}
        onClose={() => setEditing(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('notePlaceholder')}
            aria-label={t('note')}
            data-testid="visit-note"
          />
          <Typography.Text type="secondary">{t('pickOutcome')}</Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {VISIT_OUTCOME_VALUES.map((o) => (
              <Button
                key={o}
                size="large"
                type={o === 'met' ? 'primary' : 'default'}
                danger={o === 'refused'}
                loading={visit.isPending}
                onClick={() => record(o)}
                data-outcome-button={o}
                style={{ height: 56 }}
              >
                {code(o)}
              </Button>
            ))}
          </div>
        </Space>
      </Drawer>
      {unmask.modal}
    </>
  );
}

function ProgressTables({ progress }: { progress: DoorProgress }) {
  const { t, lang } = usePrevT();
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 100) : 0);
  return (
    <Card size="small" title={t('progress')} style={{ marginTop: 16 }} data-testid="door-progress-tables">
      <Tabs
        items={[
          {
            key: 'grid',
            label: t('byGrid'),
            children: (
              <Table
                rowKey="unitId"
                size="small"
                pagination={false}
                scroll={{ x: 520 }}
                dataSource={progress.grids}
                columns={[
                  { title: t('grid'), dataIndex: 'unitName' },
                  { title: t('target'), dataIndex: 'target', width: 80 },
                  { title: t('visited'), dataIndex: 'visited', width: 80 },
                  { title: t('met'), dataIndex: 'met', width: 80 },
                  {
                    title: t('progress'),
                    key: 'p',
                    width: 160,
                    render: (_: unknown, g: DoorProgress['grids'][number]) => (
                      <Progress
                        size="small"
                        percent={pct(g.visited, g.target)}
                        success={{ percent: pct(g.met, g.target) }}
                      />
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'worker',
            label: t('byWorker'),
            children: (
              <Table
                rowKey={(v) => `${v.visitedBy}|${v.unitId}`}
                size="small"
                pagination={false}
                scroll={{ x: 600 }}
                dataSource={progress.visitors}
                data-testid="door-by-worker"
                columns={[
                  { title: t('worker'), dataIndex: 'visitedBy' },
                  { title: t('grid'), dataIndex: 'unitName' },
                  { title: t('visits'), dataIndex: 'visits', width: 80 },
                  { title: t('residents'), dataIndex: 'residents', width: 80 },
                  { title: t('met'), dataIndex: 'met', width: 70 },
                  {
                    title: t('rate'),
                    key: 'r',
                    width: 80,
                    render: (_: unknown, v: DoorProgress['visitors'][number]) => `${pct(v.met, v.residents)}%`,
                  },
                  {
                    title: t('lastAt'),
                    dataIndex: 'lastAt',
                    render: (v: string) => formatTime(v, lang),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
