import { Link } from 'react-router-dom';
import { Button, Card, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { statsApi, statsQueries } from './api.ts';
import { useStatsT } from './i18n.ts';

/** 周报/月报: generate for the period's end, list what was kept, open the printable page. */
export function ReportsCard({ unitId, today }: { unitId?: string; today: string }) {
  const t = useStatsT();
  const qc = useQueryClient();
  const list = useQuery(statsQueries.reports).data;
  const generate = useMutation({
    mutationFn: (kind: 'weekly' | 'monthly') => statsApi.generate(kind, today, unitId),
    onSettled: () => qc.invalidateQueries({ queryKey: statsQueries.reports.queryKey }),
  });
  const gen = (kind: 'weekly' | 'monthly') => generate.mutate(kind);
  return (
    <Card
      size="small"
      title={t('reports')}
      extra={
        <Space>
          <Button loading={generate.isPending && generate.variables === 'weekly'} onClick={() => gen('weekly')}>
            {t('generate')}
            {t('weekly')}
          </Button>
          <Button loading={generate.isPending && generate.variables === 'monthly'} onClick={() => gen('monthly')}>
            {t('generate')}
            {t('monthly')}
          </Button>
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 5 }}
        dataSource={list?.items ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('unit'), dataIndex: 'unitName' },
          { title: t('period'), key: 'p', render: (_: unknown, r) => `${r.periodFrom} — ${r.periodTo}` },
          { title: '', dataIndex: 'kind', render: (v: string) => t(v) },
          {
            title: '',
            key: 'open',
            render: (_: unknown, r) => <Link to={`/report/${encodeURIComponent(r.id)}`}>{t('open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}
