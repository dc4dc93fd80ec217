import { useEffect, useState } from 'react';
import { Card, Segmented, Space, Typography } from 'antd';
import type { TalkingPointsResponse } from '../../../../contract/knowledge.ts';
import { AUDIENCE_VALUES } from '../../../../contract/knowledge.ts';
import { request } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';

// Talking points from the knowledge base for a warning's fraud types, by the audience the officer picks.
const AUD: Record<string, [string, string]> = {
  general: ['一般', 'General'],
  elderly: ['老年人', 'Elderly'],
  student: ['学生', 'Students'],
  finance_staff: ['财务人员', 'Finance staff'],
  parent: ['家长', 'Parents'],
};

export function TalkingPointsPanel({ types }: { types: string[] }) {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { can } = useSession();
  const [audience, setAudience] = useState<string>('general');
  const [data, setData] = useState<TalkingPointsResponse | null>(null);
  const key = types.join(',');
  useEffect(() => {
    if (!key || !can('knowledge:read')) return;
    request<TalkingPointsResponse>('GET', '/api/v1/knowledge/talking-points', { query: { types: key, audience } }).then(
      setData,
      () => setData(null),
    );
  }, [key, audience, can]);
  if (!key || !can('knowledge:read')) return null;
  return (
    <Card
      size="small"
      title={en ? 'Knowledge base: talking points' : '知识库 · 劝阻要点'}
      data-testid="kb-talking-points"
    >
      <Segmented
        size="small"
        value={audience}
        onChange={(v) => setAudience(String(v))}
        options={AUDIENCE_VALUES.map((a) => ({ value: a, label: AUD[a]![en] }))}
        style={{ marginBottom: 8 }}
      />
      {data?.items.map((i) => (
        <Space key={i.fraudType} direction="vertical" size={0} style={{ width: '100%', marginBottom: 8 }}>
          <Typography.Text strong>{i.name}</Typography.Text>
          <ol style={{ paddingLeft: 18, margin: 0 }}>
            {[...i.audiencePoints, ...i.points].map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ol>
        </Space>
      ))}
    </Card>
  );
}
