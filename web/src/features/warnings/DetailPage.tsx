import { useEffect, useState, type ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Grid,
  Result,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { warningsApi, type Attempt } from './api.ts';
import { Countdowns } from './Countdowns.tsx';
import {
  CHECKLIST_KEYS,
  LEVEL_COLOR,
  reasonText,
  STATUS_COLOR,
  systemText,
  taskText,
  tOr,
  useFraudTypeName,
  useWarnT,
} from './i18n.ts';
import { serverText, serverTexts } from './serverText.ts';
import { useLive } from './useLive.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatTime, formatDate, formatClock } from '../../shared/labels.ts';
import { usePurpose } from '../../shared/purpose.tsx';
import { useSession } from '../auth/session.tsx';
import { EscalationTag } from './EscalationTag.tsx';
import { ProtectiveStopButton } from '../orders/ProtectiveStopButton.tsx';
import { TalkingPointsPanel } from '../knowledge/TalkingPointsPanel.tsx';
import { rulesApi } from '../rules/api.ts';

// 预警详情: everything an officer needs at the door — evidence in plain words, the talking points, relatives,
// the actions the state allows — and everything a supervisor asks afterwards: the timeline, attempts, tasks.
// On a phone the cards come in the order of the doorstep: who, what to say, what to do; the record after.
export default function DetailPage() {
  const { id = '' } = useParams();
  const t = useWarnT();
  const { lang } = useI18n();
  const ftName = useFraudTypeName();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const { can } = useSession();
  const purpose = usePurpose();
  const queries = useQueryClient();
  // set once the officer asked to see the person in full and said why: every reload then reads (and audits) so
  const [why, setWhy] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['warnings', 'detail', id],
    queryFn: () => warningsApi.get(id),
    meta: { quiet: true },
  });
  const workflow = useQuery({
    queryKey: ['warnings', 'workflow', id, why],
    queryFn: () => warningsApi.workflow(id, why ?? undefined),
    placeholderData: keepPreviousData,
    meta: { quiet: true },
  });
  // the engine's rule ids in words (the catalogue is readable by whoever reads warnings)
  const catalogue = useQuery({
    queryKey: ['rules', 'catalogue'],
    queryFn: rulesApi.rules,
    staleTime: Infinity,
    meta: { quiet: true },
  });
  const ruleName = (ruleId: string) => {
    if (ruleId === 'manual_entry') return t('ruleManual');
    if (ruleId === 'upstream_push') return t('ruleUpstream');
    const r = catalogue.data?.items.find((x) => x.id === ruleId);
    return r ? (lang === 'en-US' ? r.titleEn : r.title) : ruleId;
  };
  const failed = detail.error ?? workflow.error;
  const missing = failed instanceof ApiError && failed.status === 404;
  useEffect(() => {
    if (failed && !missing) message.error(failed.message);
  }, [failed, missing, message]);
  const w = detail.data;
  const wf = workflow.data;
  const load = () => queries.invalidateQueries({ queryKey: ['warnings'] });
  const taskDone = useMutation({
    mutationFn: (taskId: string) => warningsApi.taskDone(id, taskId),
    onSettled: load,
  });
  const unmask = async () => {
    const p = await purpose.ask();
    if (p) setWhy(p);
  };
  useLive((n) => {
    if (n.warningId === id) void load();
  });
  if (missing) return <Result status="404" title={t('notFound')} extra={<Link to="/warnings">{t('board')}</Link>} />;
  if (!w || !wf) return <Card loading />;

  const chan = (c: string) => tOr(t, `chan.${c}`, c);
  const outcome = (o: string) => tOr(t, `out.${o}`, o);
  const timeline = [
    ...wf.transitions.map((x) => ({
      at: x.at,
      color: x.ok ? 'blue' : 'red',
      text:
        `${tOr(t, `cmd.${x.command}`, x.command)}${x.timer ? ` (${t(`timer.${x.timer}`)} ${t('byTimer')})` : ''}` +
        `${x.from ? ` · ${t(`status.${x.from}`)} → ${t(`status.${x.to}`)}` : ''}${x.ok ? '' : ` · ${t('refused')}: ${reasonText(x.reason, lang)}`}`,
      who: x.actor,
    })),
    ...wf.attempts.map((a) => ({
      at: a.resultAt ?? a.at,
      color: a.ok ? 'green' : 'gray',
      text: `${chan(a.channel)} · ${outcome(a.outcome)}`,
      who: '',
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const d = wf.disposition;

  const p = wf.subject;
  const subject = (
    <Card
      key="subject"
      title={t('subject')}
      size="small"
      data-testid="subject"
      extra={
        can('personal:unmask') &&
        (p.masked ? (
          <Button size="small" onClick={() => void unmask()} data-action="unmask">
            {t('unmask')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setWhy(null)} data-action="mask">
            {t('showMasked')}
          </Button>
        ))
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        layout={screens.sm ? 'horizontal' : 'vertical'}
        items={[
          { label: t('name'), children: <span data-field="name">{p.name ?? '—'}</span> },
          { label: t('phone'), children: <code data-field="phone">{p.phone ?? '—'}</code> },
          { label: t('idNumber'), children: <code>{p.idNumber ?? '—'}</code> },
          { label: t('address'), children: <span data-field="address">{p.address ?? '—'}</span> },
          { label: t('summary'), children: serverTexts(w.summaryText, w.summary, lang) ?? '—' },
          ...(wf.signedByName ? [{ label: t('signedBy'), children: wf.signedByName }] : []),
          ...(wf.assigneeName ? [{ label: t('assigned'), children: wf.assigneeName }] : []),
        ]}
      />
      {wf.leads.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('leadsTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0' }}>
            {wf.leads.map((l) => (
              <li key={l}>{systemText(l, lang)}</li>
            ))}
          </ul>
        </div>
      )}
      {wf.relatives.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('relatives')}</Typography.Text>
          <ul style={{ margin: '4px 0' }}>
            {wf.relatives.map((r, i) => (
              <li key={i}>
                {[r.relation, r.name].filter(Boolean).join(' ')} <code data-field="relative-phone">{r.phone}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {p.masked && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('masked')}
        </Typography.Text>
      )}
    </Card>
  );
  // 分派依据: each routing lookup in order, its key and what it found, so the officer sees why it landed here
  const route = wf.route && (
    <Card key="route" title={t('route')} size="small" data-testid="route">
      <ol style={{ margin: 0, paddingLeft: 18 }}>
        {wf.route.steps.map((st, i) => (
          <li key={i} data-via={st.via}>
            {tOr(t, `via.${st.via}`, st.via)}
            {st.key && <Typography.Text type="secondary"> · {st.keyName ?? st.key}</Typography.Text>}
            {' → '}
            {st.result ? (
              <Tag color="green">{st.resultName ?? st.result}</Tag>
            ) : (
              <Typography.Text type="secondary">{t('routeNone')}</Typography.Text>
            )}
          </li>
        ))}
      </ol>
      {!wf.route.routed && <Typography.Text type="secondary">{t('routeQueue')}</Typography.Text>}
    </Card>
  );
  const outcomeCard = d && (
    <Card key="outcome" title={t('result')} size="small" data-testid="outcome">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        layout={screens.sm ? 'horizontal' : 'vertical'}
        items={[
          {
            label: t('disposition'),
            children: (
              <Tag
                color={d.disposition === 'dissuaded' ? 'green' : d.disposition === 'defrauded' ? 'red' : 'default'}
                data-disposition={d.disposition}
              >
                {t(`disp.${d.disposition}`)}
              </Tag>
            ),
          },
          ...(d.mergedInto
            ? [
                {
                  label: t('mergedInto'),
                  children: (
                    <Link to={`/warnings/${d.mergedInto}`} data-merged-into={d.mergedInto}>
                      {d.mergedInto.slice(0, 8)}
                    </Link>
                  ),
                },
              ]
            : []),
          { label: t('closedAt'), children: formatTime(d.at, lang) },
          ...(d.lossAvoided != null ? [{ label: t('lossAvoided'), children: d.lossAvoided.toLocaleString() }] : []),
          ...(d.loss != null ? [{ label: t('loss'), children: d.loss.toLocaleString() }] : []),
          { label: t('note'), children: systemText(d.note, lang) || '—' },
          { label: t('closedBy'), children: <span data-field="closed-by">{d.by}</span> },
          ...wf.caseIntakes.map((c) => ({
            label: t('caseIntake'),
            children: (
              <Tag data-intake={c.status}>
                {t(`intake.${c.status}`)}
                {c.caseRef ? ` · ${c.caseRef}` : ''}
              </Tag>
            ),
          })),
        ]}
      />
    </Card>
  );
  const talking = (
    <Card key="talk" title={t('talkingPoints')} size="small">
      <ol style={{ paddingLeft: 18, marginTop: 0 }}>
        {wf.script.talkingPoints.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ol>
      <Typography.Text type="secondary">
        {t('sms')}: {wf.script.sms}
      </Typography.Text>
    </Card>
  );
  const tasks = (
    <Card key="tasks" title={t('tasks')} size="small">
      {wf.tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        wf.tasks.map((k) => (
          <div key={k.id} style={{ padding: '6px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
            <Space wrap size={4}>
              <Tag color={k.kind === 'field' ? 'blue' : 'purple'}>{t(`task.${k.kind}`)}</Tag>
              <span>{taskText(k.title, lang)}</span>
              {k.status === 'done' ? (
                <Tag color="green">{t('done')}</Tag>
              ) : (
                <Button
                  size="small"
                  loading={taskDone.isPending && taskDone.variables === k.id}
                  onClick={() => taskDone.mutate(k.id)}
                >
                  {t('markDone')}
                </Button>
              )}
            </Space>
            <ul style={{ margin: '4px 0 0', paddingLeft: 18, color: 'rgba(0,0,0,0.55)' }}>
              {k.items.map((i) => (
                <li key={i}>{taskText(i, lang)}</li>
              ))}
            </ul>
          </div>
        ))
      )}
    </Card>
  );
  const rules = (
    <Card key="rules" title={t('ruleHits')} size="small">
      {w.ruleHits.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {w.ruleHits.map((h, i) => (
        <div key={`${h.ruleId}-${i}`} style={{ padding: '4px 0' }}>
          <Space wrap size={4}>
            <Tag data-rule={h.ruleId}>{ruleName(h.ruleId)}</Tag>
            {h.fraudTypes.map((f) => ftName(f)).join('、')}
            {h.score > 0 && (
              <Typography.Text type="secondary">
                · {t('score')} {h.score}
              </Typography.Text>
            )}
          </Space>
          <div>
            <Typography.Text type="secondary" data-testid="hit-reason">
              {serverText(h.text, h.reason, lang)}
            </Typography.Text>
          </div>
        </div>
      ))}
      {w.evidence.length > 0 && (
        <>
          <Typography.Text strong>{t('evidence')}</Typography.Text>
          <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
            {w.evidence.map((e, i) => (
              <li key={i}>
                {formatTime(e.occurredAt, lang)} · {e.description}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
  const attempts = (
    <Card key="attempts" title={t('attempts')} size="small">
      {wf.attempts.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {wf.attempts.map((a) => (
        <AttemptRow key={a.id} a={a} chan={chan} outcome={outcome} t={t} />
      ))}
    </Card>
  );
  const followups = (
    <Card key="followups" title={t('followups')} size="small" data-testid="followups">
      {wf.followups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {wf.followups.map((f) => (
        <div key={f.id} data-followup-day={f.day} style={{ padding: '4px 0' }}>
          <Space wrap size={4}>
            <b>{t('day', { n: f.day })}</b>
            <span>{formatDate(f.dueAt, lang)}</span>
            {f.assigneeName && <Typography.Text type="secondary">{f.assigneeName}</Typography.Text>}
            {f.doneAt ? <Tag color="green">{t('done')}</Tag> : f.cancelled ? <Tag>✗</Tag> : <Tag>{t('pending')}</Tag>}
          </Space>
          {f.record && (
            <div>
              <Typography.Text type="secondary">{f.record}</Typography.Text>
            </div>
          )}
        </div>
      ))}
    </Card>
  );
  const timelineCard = (
    <Card key="timeline" title={t('timeline')} size="small">
      <Timeline
        items={timeline.map((x) => ({
          color: x.color,
          content: (
            <span>
              <Typography.Text type="secondary">{formatClock(x.at, lang)}</Typography.Text> {x.text}
              {x.who && <Typography.Text type="secondary"> · {x.who}</Typography.Text>}
            </span>
          ),
        }))}
      />
    </Card>
  );
  const stack = (cards: (ReactNode | null | undefined)[]) => (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {cards.filter(Boolean)}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={`${t('detail')} ${id.slice(0, 8)}`}
        extra={
          wf.countdowns.length > 0 ? (
            <Countdowns items={wf.countdowns} max={4} />
          ) : wf.closedAt ? (
            <Typography.Text type="secondary" data-testid="closed-on">
              {t('closedOn', { at: formatTime(wf.closedAt, lang) })}
            </Typography.Text>
          ) : null
        }
      />
      {wf.flags.map((f) => (
        <Alert
          key={f.victimId}
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${t('flags')}: ${t('flagText', { days: f.daysAfterClose })}`}
        />
      ))}
      <Card style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color={LEVEL_COLOR[w.level]}>{t(`level.${w.level}`)}</Tag>
          <Tag color={STATUS_COLOR[wf.status]} data-status={wf.status}>
            {t(`status.${wf.status}`)}
          </Tag>
          {wf.escalation.level > 0 && <EscalationTag n={wf.escalation.level} reason={wf.escalation.reason} />}
          {w.fraudTypes.map((f) => (
            <Tag key={f.code}>{ftName(f)}</Tag>
          ))}
          <span>{wf.unitName}</span>
          {!wf.routed && <Tag color="magenta">{t('unrouted')}</Tag>}
        </Space>
        {can('warnings:write') ? (
          <ActionPanel
            id={id}
            allowed={wf.allowedActions}
            dispositions={wf.closeDispositions}
            onDone={() => undefined}
          />
        ) : (
          <Typography.Text type="secondary" data-testid="no-actions">
            {t('noActions')}
          </Typography.Text>
        )}
        {wf.status !== 'closed' && (
          <div style={{ marginTop: 12 }}>
            <ProtectiveStopButton warningId={id} account={w.subject.account} />
          </div>
        )}
      </Card>
      {screens.lg ? (
        <Row gutter={12}>
          <Col span={14}>{stack([subject, outcomeCard, rules, attempts, timelineCard])}</Col>
          <Col span={10}>
            {stack([
              talking,
              <TalkingPointsPanel key="kb" types={w.fraudTypes.map((f) => f.code)} />,
              tasks,
              route,
              followups,
            ])}
          </Col>
        </Row>
      ) : (
        stack([
          subject,
          outcomeCard,
          talking,
          <TalkingPointsPanel key="kb" types={w.fraudTypes.map((f) => f.code)} />,
          tasks,
          rules,
          attempts,
          route,
          followups,
          timelineCard,
        ])
      )}
      {purpose.modal}
    </>
  );
}

function AttemptRow({
  a,
  chan,
  outcome,
  t,
}: {
  a: Attempt;
  chan(c: string): string;
  outcome(o: string): string;
  t(k: string): string;
}) {
  const { lang } = useI18n();
  const ck = (a.record?.checklist ?? null) as Record<string, boolean> | null;
  const keys = (a.record?.keys ?? null) as string[] | null;
  // notices carry "unit: reason (console n)": the unit and the reason are what the reader wants
  const detail =
    a.channel.startsWith('notify') || a.channel === 'webhook'
      ? (a.detail ?? '')
          .replace(/\s*\(console \d+\)$/, '')
          .replace(/: (.+)$/, (_m, r: string) => `: ${reasonText(r, lang)}`)
      : a.channel === 'sms' || a.channel === 'voice'
        ? null
        : a.detail;
  return (
    <div style={{ padding: '6px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }} data-attempt={a.channel}>
      <Space wrap size={4}>
        <b>{chan(a.channel)}</b>
        <Tag
          color={a.ok ? 'green' : a.outcome === 'queued' || a.outcome === 'submitting' ? 'processing' : 'red'}
          data-outcome={a.outcome}
        >
          {outcome(a.outcome)}
        </Tag>
        <Typography.Text type="secondary">
          {formatTime(a.at, lang)}
          {a.resultAt ? ` → ${formatClock(a.resultAt, lang)}` : ''}
        </Typography.Text>
        {keys && keys.length > 0 && <Tag>⌨ {keys.join(' ')}</Tag>}
      </Space>
      {ck && (
        <div>
          {CHECKLIST_KEYS.filter((k) => ck[k]).map((k) => (
            <Tag key={k} color="green">
              {t(`ck.${k}`)}
            </Tag>
          ))}
        </div>
      )}
      {detail && (
        <div>
          <Typography.Text type="secondary">{detail}</Typography.Text>
        </div>
      )}
    </div>
  );
}
