import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Input, Modal, Space, Switch, Tag, Typography } from 'antd';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { warningsApi, type Followup } from '../warnings/api.ts';
import { LEVEL_COLOR, useFraudTypeName, useWarnT } from '../warnings/i18n.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../shared/labels.ts';
import { usePurpose } from '../../shared/purpose.tsx';
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
  const purpose = usePurpose();
  const [why, setWhy] = useState<string | null>(null);
  const [editing, setEditing] = useState<Followup | null>(null);
  const [text, setText] = useState('');
  const queries = useQueryClient();
  const list = useQuery({
    queryKey: ['warnings', 'followups', { all, mine }, why],
    queryFn: () => {
      const q = all ? { all: true } : { due: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10) };
      return warningsApi.followups({ ...q, ...(mine ? { mine: true } : {}) }, why ?? undefined);
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
            {can('personal:unmask') &&
              (why ? (
                <Button size="small" onClick={() => setWhy(null)}>
                  {t('showMasked')}
                </Button>
              ) : (
                <Button
                  size="small"
                  onClick={() => void purpose.ask().then((p) => p && setWhy(p))}
                  data-action="unmask"
                >
                  {t('unmask')}
                </Button>
              ))}
          </Space>
        }
      />
      {list.isSuccess && items.length === 0 && <Empty description={t('noItems')} />}
      <Flex vertical gap={12} style={{ maxWidth: 720 }}>
        {items.map((f) => {
          const due = new Date(f.dueAt).getTime();
          const overdue = !f.doneAt && due < now;
          return (
            <Card
              key={f.id}
              size="small"
              data-followup={f.id}
              title={
                <Space wrap size={4}>
                  <b>{t('day', { n: f.day })}</b>
                  <span>{formatDate(f.dueAt, lang)}</span>
                  {overdue ? (
                    <Tag color="red">{t('overdueShort')}</Tag>
                  ) : (
                    !f.doneAt && <Tag>{t('dueIn', { n: Math.max(0, Math.ceil((due - now) / DAY)) })}</Tag>
                  )}
                </Space>
              }
              extra={
                f.canOpen !== false ? (
                  <Link to={`/warnings/${f.warningId}`}>{t('openDetail')}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('canNotOpen')}</Typography.Text>
                )
              }
            >
              <Space orientation="vertical" style={{ width: '100%' }}>
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
                {f.doneAt ? (
                  <div>
                    <Tag color="green">{t('done')}</Tag>
                    <Typography.Text>{f.record}</Typography.Text>
                  </div>
                ) : (
                  can('followups:write') && (
                    <Button
                      size="large"
                      type="primary"
                      block
                      onClick={() => setEditing(f)}
                      data-action="record-followup"
                    >
                      {t('recordIt')}
                    </Button>
                  )
                )}
              </Space>
            </Card>
          );
        })}
      </Flex>
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
      {purpose.modal}
    </>
  );
}
