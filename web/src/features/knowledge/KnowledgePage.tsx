import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Input, List, Space, Table, Tag, Typography } from 'antd';
import type { KbEntrySummary, KbSearchResult } from '../../../../contract/knowledge.ts';
import { request } from '../../api/client.ts';
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
  const [items, setItems] = useState<KbEntrySummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [hits, setHits] = useState<KbSearchResult | null>(null);
  useEffect(() => {
    request<{ items: KbEntrySummary[] }>('GET', '/api/v1/knowledge/entries').then(
      (r) => setItems(r.items),
      (e: Error) => setError(e.message),
    );
  }, []);
  const search = useCallback(
    (q: string) => {
      if (!q.trim()) return setHits(null);
      const editor = can('knowledge:write') || can('knowledge:publish');
      request<KbSearchResult>('GET', '/api/v1/knowledge/search', {
        query: { q: q.trim(), ...(editor ? { includeDrafts: 'true' } : {}) },
      }).then(setHits, (e: Error) => setError(e.message));
    },
    [can],
  );
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
