import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Typography } from 'antd';
import type { TalkingPointsResponse } from '../../../../contract/knowledge.ts';
import { AUDIENCE_VALUES } from '../../../../contract/knowledge.ts';
import { getJson } from '../../api/query.tsx';
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
  const key = types.join(',');
  // a help beside the warning: without it (or on failure) the warning page is still whole, so no toast
  const { data } = useQuery({
    queryKey: ['knowledge', 'talking-points', key, audience],
    queryFn: getJson<TalkingPointsResponse>('/api/v1/knowledge/talking-points', { types: key, audience }),
    enabled: !!key && can('knowledge:read'),
    meta: { quiet: true },
  });
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
