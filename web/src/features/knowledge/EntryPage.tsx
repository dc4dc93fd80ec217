import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import type { KbContent, KbDiff, KbEntryDetail, KbVersion } from '../../../../contract/knowledge.ts';
import { AUDIENCE_VALUES, SMS_TEMPLATE_MAX } from '../../../../contract/knowledge.ts';
import { ApiError, request } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';
import { STATUS } from './KnowledgePage.tsx';

// One entry of the knowledge base: the published version, the open draft (editor: one line per item), the review
// (submit → publish by another person, or send back), and the history with what changed in each version.
const AUD: Record<string, [string, string]> = {
  general: ['通用', 'General'],
  elderly: ['老年人', 'Elderly'],
  student: ['学生', 'Students'],
  finance_staff: ['财务人员', 'Finance staff'],
  parent: ['家长', 'Parents'],
};
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

type FormValues = Record<string, string>;
/** the audiences that may have their own SMS and call script (else the type's general text is used) */
const SPECIFIC = AUDIENCE_VALUES.filter((a) => a !== 'general') as Exclude<
  (typeof AUDIENCE_VALUES)[number],
  'general'
>[];
function toForm(c: KbContent): FormValues {
  const f: FormValues = {
    name: c.name,
    nameEn: c.nameEn,
    parent: c.parent ?? '',
    listVersion: c.listVersion,
    script: c.script,
    signals: c.signals.join('\n'),
    smsTemplates: c.smsTemplates.join('\n'),
    voiceScript: c.voiceScript.join('\n'),
    cases: c.cases.map((x) => `${x.title}｜${x.text}`).join('\n'),
  };
  for (const a of AUDIENCE_VALUES) f[`tp_${a}`] = (c.talkingPoints[a] ?? []).join('\n');
  for (const a of SPECIFIC) {
    f[`sms_${a}`] = c.smsByAudience?.[a] ?? '';
    f[`voice_${a}`] = (c.voiceByAudience?.[a] ?? []).join('\n');
  }
  return f;
}
function fromForm(f: FormValues): KbContent {
  const tp: Record<string, string[]> = {};
  for (const a of AUDIENCE_VALUES) {
    const l = lines(f[`tp_${a}`]);
    if (a === 'general' || l.length) tp[a] = l;
  }
  const sms: Record<string, string> = {},
    voice: Record<string, string[]> = {};
  for (const a of SPECIFIC) {
    if (f[`sms_${a}`]?.trim()) sms[a] = f[`sms_${a}`]!.trim();
    if (lines(f[`voice_${a}`]).length) voice[a] = lines(f[`voice_${a}`]);
  }
  return {
    name: (f.name ?? '').trim(),
    nameEn: (f.nameEn ?? '').trim(),
    parent: f.parent?.trim() ? f.parent.trim() : null,
    listVersion: (f.listVersion ?? '').trim(),
    script: (f.script ?? '').trim(),
    signals: lines(f.signals),
    talkingPoints: tp as KbContent['talkingPoints'],
    smsTemplates: lines(f.smsTemplates),
    voiceScript: lines(f.voiceScript),
    ...(Object.keys(sms).length ? { smsByAudience: sms } : {}),
    ...(Object.keys(voice).length ? { voiceByAudience: voice } : {}),
    cases: lines(f.cases).map((l) => {
      const [title, ...rest] = l.split('｜');
      return { title: (title ?? '').trim(), text: rest.join('｜').trim() || (title ?? '').trim() };
    }),
  };
}

function ContentView({ c, en }: { c: KbContent; en: number }) {
  const ul = (xs: string[]) => (
    <ul style={{ paddingLeft: 18, margin: 0 }}>
      {xs.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={en ? 'Typical script' : '典型话术'}>{c.script}</Descriptions.Item>
      <Descriptions.Item label={en ? 'Signals' : '可见信号'}>{ul(c.signals)}</Descriptions.Item>
      {AUDIENCE_VALUES.filter((a) => c.talkingPoints[a]?.length).map((a) => (
        <Descriptions.Item key={a} label={`${en ? 'Talking points' : '劝阻要点'} · ${AUD[a]![en]}`}>
          {ul(c.talkingPoints[a] ?? [])}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={en ? 'SMS' : '短信模板'}>{ul(c.smsTemplates)}</Descriptions.Item>
      <Descriptions.Item label={en ? 'Voice call' : '外呼话术'}>{ul(c.voiceScript)}</Descriptions.Item>
      {SPECIFIC.filter((a) => c.smsByAudience?.[a] || c.voiceByAudience?.[a]?.length).map((a) => (
        <Descriptions.Item key={`s_${a}`} label={`${en ? 'SMS and call' : '短信与外呼'} · ${AUD[a]![en]}`}>
          {ul([...(c.smsByAudience?.[a] ? [c.smsByAudience[a]] : []), ...(c.voiceByAudience?.[a] ?? [])])}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={en ? 'Cases (de-identified)' : '脱敏案例'}>
        {ul(c.cases.map((x) => `${x.title}：${x.text}`))}
      </Descriptions.Item>
    </Descriptions>
  );
}

export default function EntryPage() {
  const { code = '' } = useParams();
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const entryKey = ['knowledge', 'entry', code];
  const entry = useQuery({
    queryKey: entryKey,
    queryFn: getJson<KbEntryDetail>(`/api/v1/knowledge/entries/${encodeURIComponent(code)}`),
  }).data;
  const open = entry?.open ?? null;
  // the open draft into the form when it arrives or changes on the server (a save, a new draft), not on every render
  useEffect(() => {
    if (open) form.setFieldsValue(toForm(open.content));
  }, [open, form]);
  // the version whose changes are shown (the diff is read when asked for)
  const [diffOf, setDiffOf] = useState<number | null>(null);
  const diff = useQuery({
    queryKey: ['knowledge', 'diff', diffOf],
    queryFn: getJson<KbDiff>(`/api/v1/knowledge/versions/${diffOf}/diff`),
    enabled: diffOf !== null,
  }).data;
  const fail = (e: unknown) => {
    const x = e as ApiError;
    message.error([x.message, ...(x.details ?? []).map((d) => `${d.field}: ${d.reason}`)].join(' · '));
  };
  // every command changes the entry, its list row and (published) the fraud-type names in force
  const command = useMutation({
    mutationFn: ({ path, method = 'POST', body = {} }: { path: string; method?: string; body?: unknown; ok: string }) =>
      request(method, path, { body }),
    onSuccess: (_r, v) => message.success(v.ok),
    onError: fail,
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['knowledge'] }),
        qc.invalidateQueries({ queryKey: ['fraud-types'] }),
      ]),
  });
  const run = (path: string, ok: string, method?: string, body?: unknown) => command.mutate({ path, ok, method, body });
  const tag = (s: string) => <Tag color={STATUS[s]![2]}>{STATUS[s]![en]}</Tag>;
  const showDiff = (v: { id: number }) => setDiffOf(v.id);
  const act = (v: KbVersion, cmd: string, ok: string) => run(`/api/v1/knowledge/versions/${v.id}/${cmd}`, ok);
  const area = (name: string, label: string, rows = 3, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra}>
      <Input.TextArea
        autoSize={{ minRows: rows, maxRows: 12 }}
        disabled={open?.status !== 'draft' || !can('knowledge:write')}
      />
    </Form.Item>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>
        <Link to="/knowledge">{en ? 'Knowledge base' : '反诈知识库'}</Link> / {entry?.published?.content.name ?? code}
      </Typography.Title>
      {entry?.published && (
        <Card
          size="small"
          title={
            <>
              {en ? 'Published' : '当前发布'} v{entry.published.version} {tag('published')}
            </>
          }
          extra={
            can('knowledge:write') &&
            !open && (
              <Button
                type="primary"
                data-testid="kb-new-draft"
                loading={command.isPending}
                onClick={() => run(`/api/v1/knowledge/entries/${code}/drafts`, en ? 'Draft created' : '已创建草稿')}
              >
                {en ? 'Edit (new draft)' : '修订（新草稿）'}
              </Button>
            )
          }
        >
          <ContentView c={entry.published.content} en={en} />
        </Card>
      )}
      {open && (
        <Card
          size="small"
          data-testid="kb-draft"
          title={
            <>
              v{open.version} {tag(open.status)} · {open.authorName}
              {open.reviewNote ? ` · ${en ? 'review' : '审核意见'}：${open.reviewNote}` : ''}
            </>
          }
        >
          <Form form={form} layout="vertical">
            <Space wrap>
              <Form.Item name="name" label={en ? 'Name' : '名称'}>
                <Input disabled={open.status !== 'draft'} />
              </Form.Item>
              <Form.Item name="nameEn" label={en ? 'English name' : '英文名'}>
                <Input disabled={open.status !== 'draft'} />
              </Form.Item>
              <Form.Item name="parent" label={en ? 'Parent code' : '上级类型'}>
                <Input disabled={open.status !== 'draft'} />
              </Form.Item>
              <Form.Item name="listVersion" label={en ? 'List' : '目录版本'}>
                <Input disabled={open.status !== 'draft'} />
              </Form.Item>
            </Space>
            {area('script', en ? 'Typical script' : '典型话术')}
            {area('signals', en ? 'Signals (one per line)' : '平台可见信号（每行一条）')}
            {AUDIENCE_VALUES.map((a) => area(`tp_${a}`, `${en ? 'Talking points' : '劝阻要点'} · ${AUD[a]![en]}`, 2))}
            {area(
              'smsTemplates',
              en ? 'SMS templates (one per line; the first is sent)' : '短信模板（每行一条，第一条用于发送）',
              2,
              en ? `No links; at most ${SMS_TEMPLATE_MAX} characters` : `不得含链接；每条不超过${SMS_TEMPLATE_MAX}字`,
            )}
            {area('voiceScript', en ? 'Voice-call script (one sentence per line)' : '外呼话术（每行一句）', 3)}
            {SPECIFIC.map((a) => (
              <Space key={a} wrap style={{ width: '100%' }} align="start">
                {area(
                  `sms_${a}`,
                  `${en ? 'SMS' : '短信'} · ${AUD[a]![en]}`,
                  2,
                  en ? 'Empty: the first SMS template' : '留空则用第一条短信模板',
                )}
                {area(
                  `voice_${a}`,
                  `${en ? 'Voice call' : '外呼话术'} · ${AUD[a]![en]}`,
                  2,
                  en ? 'Empty: the general script' : '留空则用通用外呼话术',
                )}
              </Space>
            ))}
            {area('cases', en ? 'Case write-ups (title｜text, one per line)' : '脱敏案例（标题｜正文，每行一条）', 3)}
          </Form>
          <Space wrap>
            {open.status === 'draft' && can('knowledge:write') && (
              <>
                <Button
                  data-testid="kb-save"
                  loading={command.isPending}
                  onClick={() =>
                    run(`/api/v1/knowledge/versions/${open.id}`, en ? 'Saved' : '已保存', 'PUT', {
                      content: fromForm(form.getFieldsValue(true)),
                    })
                  }
                >
                  {en ? 'Save' : '保存'}
                </Button>
                <Button
                  type="primary"
                  data-testid="kb-submit"
                  onClick={() => act(open, 'submit', en ? 'Submitted' : '已提交审核')}
                >
                  {en ? 'Submit for review' : '提交审核'}
                </Button>
              </>
            )}
            {open.status === 'in_review' && open.authorIsYou && (
              <Button onClick={() => act(open, 'withdraw', en ? 'Withdrawn' : '已撤回')}>
                {en ? 'Withdraw' : '撤回'}
              </Button>
            )}
            {open.status === 'in_review' && can('knowledge:publish') && !open.authorIsYou && (
              <>
                <Button
                  type="primary"
                  data-testid="kb-publish"
                  onClick={() => act(open, 'publish', en ? 'Published' : '已发布')}
                >
                  {en ? 'Publish' : '审核发布'}
                </Button>
                <Button danger onClick={() => act(open, 'reject', en ? 'Sent back' : '已退回')}>
                  {en ? 'Send back' : '退回修改'}
                </Button>
              </>
            )}
            {open.status === 'in_review' && open.authorIsYou && can('knowledge:publish') && (
              <Typography.Text type="secondary">
                {en ? 'Another person must review and publish it.' : '须由他人审核发布。'}
              </Typography.Text>
            )}
            <Button onClick={() => showDiff(open)}>{en ? 'Changes' : '查看改动'}</Button>
          </Space>
        </Card>
      )}
      {diff && (
        <Card size="small" title={en ? 'Changes' : '改动'} data-testid="kb-diff">
          {diff.changes.length === 0 && (en ? 'No changes' : '无改动')}
          {diff.changes.map((c) => (
            <div key={c.field}>
              <Typography.Text strong>{c.field}</Typography.Text>
              {c.removed.map((x) => (
                <div key={`-${x}`} style={{ color: '#cf1322' }}>
                  − {x}
                </div>
              ))}
              {c.added.map((x) => (
                <div key={`+${x}`} style={{ color: '#389e0d' }}>
                  + {x}
                </div>
              ))}
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title={en ? 'History' : '历史版本'}>
        <List
          dataSource={entry?.history ?? []}
          renderItem={(h) => (
            <List.Item
              actions={[
                <a key="d" onClick={() => showDiff(h)}>
                  {en ? 'changes' : '改动'}
                </a>,
              ]}
            >
              v{h.version} {tag(h.status)} {h.authorName}
              {h.reviewerName ? ` → ${h.reviewerName}` : ''} · {new Date(h.publishedAt ?? h.updatedAt).toLocaleString()}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
