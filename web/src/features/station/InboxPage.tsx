import { useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Badge, Space, Tag, Typography } from 'antd';
import { TaskCard, TaskCardList } from '../../components/TaskCards.tsx';
import { useUnmask } from '../../components/Unmask.tsx';
import { EscalationTag } from '../warnings/EscalationTag.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ActionPanel } from '../warnings/ActionPanel.tsx';
import { warningsApi, type BoardItem } from '../warnings/api.ts';
import { Countdowns } from '../warnings/Countdowns.tsx';
import { LEVEL_COLOR, STATUS_COLOR, useFraudTypeName, useWarnT } from '../warnings/i18n.ts';
import { useLive } from '../warnings/useLive.ts';
import { serverTexts } from '../warnings/serverText.ts';
import { useI18n } from '../../i18n/index.tsx';

// 派出所待办: the station's warnings as cards that work on a phone — level, type, the running deadline and
// the big buttons (签收 / 开始走访 / 记录联系 / 结案) the warning's state allows. Warnings still with the
// machines (automatic contact) or the centre (review, manual routing) are the centre's; the inbox only counts
// them. An escalated warning stays in its phase with a red tag beside it.
const STATION_STATES = ['dispatched', 'signed', 'contacting', 'visiting'];
const INBOX_ACTIONS = ['sign', 'start_visit', 'record_contact', 'close', 'assign'];

export default function InboxPage() {
  const t = useWarnT();
  const { lang } = useI18n();
  const ftName = useFraudTypeName();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unmask = useUnmask({ unmask: t('unmask'), mask: t('showMasked') });
  const why = unmask.why ?? null;
  const queries = useQueryClient();
  // the open board of the unit, read under the board's key so that acting on a warning anywhere refreshes it
  const board = useQuery({
    queryKey: ['warnings', 'board', { open: true, inbox: true }, why],
    queryFn: () => warningsApi.board({ open: true, pageSize: 200 }, unmask.why),
  });
  const routed = (board.data?.items ?? []).filter((w) => w.routed);
  // most urgent first: the soonest running deadline
  const soonest = (w: BoardItem) => Math.min(...w.countdowns.map((c) => c.dueAt), Number.MAX_SAFE_INTEGER);
  const items = routed.filter((w) => STATION_STATES.includes(w.status)).sort((a, b) => soonest(a) - soonest(b));
  const waiting = routed.filter((w) => !STATION_STATES.includes(w.status)).length;
  const load = () => queries.invalidateQueries({ queryKey: ['warnings', 'board'] });
  const live = useLive(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 300);
  });

  return (
    <>
      <PageHeader
        title={t('inbox')}
        extra={
          <Space>
            {unmask.toggle}
            <Badge status={live ? 'processing' : 'default'} text={t('live')} />
          </Space>
        }
      />
      <TaskCardList empty={t('noItems')} loaded={board.isSuccess} count={items.length}>
        {items.map((w) => {
          // before 签收 a close could only be 误报: that is the centre's call, not a doorstep button
          const allowed = w.allowedActions.filter(
            (a) => INBOX_ACTIONS.includes(a) && (a !== 'close' || w.closeDispositions.includes('dissuaded')),
          );
          return (
            <TaskCard
              key={w.id}
              data={{ 'data-warning': w.id }}
              title={
                <>
                  <Tag color={LEVEL_COLOR[w.level]}>{t(`level.${w.level}`)}</Tag>
                  <span style={{ whiteSpace: 'normal' }}>{w.fraudTypes.map((f) => ftName(f)).join('、') || '—'}</span>
                </>
              }
              extra={<Link to={`/warnings/${w.id}`}>{t('openDetail')}</Link>}
            >
              <Space wrap size={4}>
                <Tag color={STATUS_COLOR[w.status]} data-status={w.status}>
                  {t(`status.${w.status}`)}
                </Tag>
                {w.escalationLevel > 0 && <EscalationTag n={w.escalationLevel} />}
                <code>{w.subject.phone ?? w.subject.idNumber ?? '—'}</code>
                {w.subject.name && <span>{w.subject.name}</span>}
              </Space>
              {w.subject.address && <Typography.Text type="secondary">{w.subject.address}</Typography.Text>}
              {w.countdowns.length > 0 && <Countdowns items={w.countdowns} />}
              {w.summary && (
                <Typography.Text type="secondary">{serverTexts(w.summaryText, w.summary, lang)}</Typography.Text>
              )}
              <ActionPanel
                id={w.id}
                allowed={allowed}
                dispositions={w.closeDispositions}
                onDone={() => undefined}
                compact
              />
            </TaskCard>
          );
        })}
        {waiting > 0 && <Typography.Text type="secondary">{t('inboxWaiting', { n: waiting })}</Typography.Text>}
      </TaskCardList>
      {unmask.modal}
    </>
  );
}
