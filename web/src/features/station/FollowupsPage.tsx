import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { App, Input, Modal, Space, Switch, Tag, Typography } from 'antd';
import { TaskCard, TaskCardList } from '../../components/TaskCards.tsx';
import { useUnmask } from '../../components/Unmask.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { warningsApi, type Followup } from '../warnings/api.ts';
import { LEVEL_COLOR, useFraudTypeName, useWarnT } from '../warnings/i18n.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../shared/labels.ts';
import { useSession } from '../auth/session.tsx';

// 跟踪回访: the grid worker's list on a phone — whom to revisit (masked; in full after stating a purpose), why
// (type, outcome of the warning), when, and one big button to record the visit. A grid worker starts on their own
// assignments; an officer on everything of the unit.
const DAY = 86_400_000;

export default function FollowupsPage() {
  const t = useWarnT();
  const { lang } = useI18n();
  const ftName = useFraudTypeName();
  const { message } = App.useApp();
  const [all, setAll] = useState(false);
  const { user, can } = useSession();
  const [mine, setMine] = useState(user?.role === 'grid_worker');
  const unmask = useUnmask({ unmask: t('unmask'), mask: t('showMasked') });
  const why = unmask.why ?? null;
  const [editing, setEditing] = useState<Followup | null>(null);
  const [text, setText] = useState('');
  const queries = useQueryClient();
  const list = useQuery({
    queryKey: ['warnings', 'followups', { all, mine }, why],
    queryFn: () => {
      const q = all ? { all: true } : { due: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10) };
      return warningsApi.followups({ ...q, ...(mine ? { mine: true } : {}) }, unmask.why);
    },
  });
  const items = list.data?.items ?? [];
  const record = useMutation({
    mutationFn: (v: { id: string; record: string }) => warningsApi.recordFollowup(v.id, v.record),
    onSuccess: () => {
      message.success(t('saved'));
      setEditing(null);
      setText('');
    },
    // the list here and the warning's own follow-up card
    onSettled: () => queries.invalidateQueries({ queryKey: ['warnings'] }),
  });
  const save = () => {
    if (editing && text.trim()) record.mutate({ id: editing.id, record: text.trim() });
  };
  const now = Date.now();
  return (
    <>
      <PageHeader
        title={t('followups')}
        extra={
          <Space wrap>
            <Space size={4}>
              <Switch checked={mine} onChange={setMine} data-testid="followups-mine" />
              {t('mine')}
            </Space>
            <Space size={4}>
              <Switch checked={all} onChange={setAll} />
              {t('all')}
            </Space>
            {unmask.toggle}
          </Space>
        }
      />
      <TaskCardList empty={t('noItems')} loaded={list.isSuccess} count={items.length}>
        {items.map((f) => {
          const due = new Date(f.dueAt).getTime();
          const overdue = !f.doneAt && due < now;
          return (
            <TaskCard
              key={f.id}
              data={{ 'data-followup': f.id }}
              title={
                <>
                  <b>{t('day', { n: f.day })}</b>
                  <span>{formatDate(f.dueAt, lang)}</span>
                  {overdue ? (
                    <Tag color="red">{t('overdueShort')}</Tag>
                  ) : (
                    !f.doneAt && <Tag>{t('dueIn', { n: Math.max(0, Math.ceil((due - now) / DAY)) })}</Tag>
                  )}
                </>
              }
              extra={
                f.canOpen !== false ? (
                  <Link to={`/warnings/${f.warningId}`}>{t('openDetail')}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('canNotOpen')}</Typography.Text>
                )
              }
              action={
                !f.doneAt &&
                can('followups:write') && {
                  label: t('recordIt'),
                  onClick: () => setEditing(f),
                  testId: 'record-followup',
                }
              }
            >
              <Space wrap size={4}>
                {f.level && <Tag color={LEVEL_COLOR[f.level]}>{t(`level.${f.level}`)}</Tag>}
                {f.fraudTypes?.map((x) => (
                  <Tag key={x.code}>{ftName(x)}</Tag>
                ))}
                {f.disposition && (
                  <Tag color={f.disposition === 'dissuaded' ? 'green' : 'default'}>{t(`disp.${f.disposition}`)}</Tag>
                )}
              </Space>
              <Space wrap size={8}>
                <span>
                  {t('subjectLabel')}: {f.subject?.name ?? '—'} <code>{f.subject?.phone ?? ''}</code>
                </span>
                {f.subject?.address && <Typography.Text type="secondary">{f.subject.address}</Typography.Text>}
                <Typography.Text type="secondary">
                  {f.unitName}
                  {f.assigneeName ? ` · ${f.assigneeName}` : ''}
                </Typography.Text>
              </Space>
              {f.doneAt && (
                <div>
                  <Tag color="green">{t('done')}</Tag>
                  <Typography.Text>{f.record}</Typography.Text>
                </div>
              )}
            </TaskCard>
          );
        })}
      </TaskCardList>
      <Modal
        open={!!editing}
        title={t('record')}
        onCancel={() => setEditing(null)}
        onOk={save}
        okText={t('ok')}
        cancelText={t('cancel')}
        confirmLoading={record.isPending}
        okButtonProps={{ disabled: !text.trim() }}
      >
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      </Modal>
      {unmask.modal}
    </>
  );
}
