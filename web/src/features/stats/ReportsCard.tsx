import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Space, Table } from 'antd';
import { statsApi, type Reports } from './api.ts';
import { useStatsT } from './i18n.ts';

/** 周报/月报: generate for the period's end, list what was kept, open the printable page. */
export function ReportsCard({ unitId, today }: { unitId?: string; today: string }) {
  const t = useStatsT();
  const { message } = App.useApp();
  const [list, setList] = useState<Reports | null>(null);
  const load = () =>
    statsApi
      .reports()
      .then(setList)
      .catch((e) => message.error(String(e)));
  useEffect(() => {
    void load();
  }, []);
  const gen = async (kind: 'weekly' | 'monthly') => {
    try {
      await statsApi.generate(kind, today, unitId);
      await load();
    } catch (e) {
      message.error(String(e));
    }
  };
  return (
    <Card
      size="small"
      title={t('reports')}
      extra={
        <Space>
          <Button onClick={() => gen('weekly')}>
            {t('generate')}
            {t('weekly')}
          </Button>
          <Button onClick={() => gen('monthly')}>
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
