import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Alert, Card, Input, List, Space, Table, Tag, Typography } from 'antd';
import type { KbEntrySummary, KbSearchResult } from '../../../../contract/knowledge.ts';
import { getJson } from '../../api/query.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';

// 反诈知识库: the entries (fraud types) with their published and open versions, and Chinese full-text search.
export const STATUS: Record<string, [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  in_review: ['待审核', 'In review', 'gold'],
  published: ['已发布', 'Published', 'green'],
  superseded: ['已替换', 'Superseded', 'default'],
};

export default function KnowledgePage() {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const { can } = useSession();
  // the page shows a failed read itself (above the table), so the queries stay quiet
  const entries = useQuery({
    queryKey: ['knowledge', 'entries'],
    queryFn: getJson<{ items: KbEntrySummary[] }>('/api/v1/knowledge/entries'),
    meta: { quiet: true },
  });
  const items = entries.data?.items ?? [];
  const [q, setQ] = useState('');
  const editor = can('knowledge:write') || can('knowledge:publish');
  const found = useQuery({
    queryKey: ['knowledge', 'search', q, editor],
    queryFn: getJson<KbSearchResult>('/api/v1/knowledge/search', { q, ...(editor ? { includeDrafts: 'true' } : {}) }),
    enabled: q !== '',
    meta: { quiet: true },
  });
  const hits = q ? found.data : undefined;
  const error = (entries.error ?? found.error)?.message;
  const search = (text: string) => setQ(text.trim());
  const tag = (s: string) => <Tag color={STATUS[s]![2]}>{STATUS[s]![en]}</Tag>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{en ? 'Anti-fraud knowledge base' : '反诈知识库'}</Typography.Title>
      {error && <Alert type="error" message={error} />}
      <Input.Search
        allowClear
        placeholder={en ? 'Search (Chinese words, e.g. 刷单)' : '全文检索（如：刷单、安全账户）'}
        onSearch={search}
        data-testid="kb-search"
      />
      {hits && (
        <Card size="small" title={`${en ? 'Results' : '检索结果'} · ${hits.tokens.join(' ')}`}>
          <List
            dataSource={hits.items}
            locale={{ emptyText: en ? 'Nothing found' : '无结果' }}
            renderItem={(h) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Link to={`/knowledge/${h.code}`}>
                      {h.name} v{h.version} {tag(h.status)}
                    </Link>
                  }
                  description={h.snippet}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Table<KbEntrySummary>
        rowKey="code"
        size="small"
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: en ? 'Fraud type' : '诈骗类型',
            render: (_, r) => <Link to={`/knowledge/${r.code}`}>{r.name}</Link>,
          },
          { title: en ? 'Code' : '代码', dataIndex: 'code', responsive: ['md'] },
          { title: en ? 'List' : '目录', dataIndex: 'listVersion', responsive: ['md'] },
          {
            title: en ? 'Published' : '发布版本',
            render: (_, r) => (r.published ? `v${r.published.version}` : '—'),
          },
          {
            title: en ? 'Open draft' : '修订中',
            render: (_, r) =>
              r.open ? (
                <>
                  v{r.open.version} {tag(r.open.status)}
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Space>
  );
}
