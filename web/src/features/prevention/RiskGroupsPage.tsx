import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { RiskGroup } from '../../../../contract/prevention.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatTime } from '../../shared/labels.ts';
import { useSession } from '../auth/session.tsx';
import { preventionQueries } from './api.ts';
import { CampaignsPanel, useLaunch } from './CampaignsPanel.tsx';

// This week's risk groups (精准宣防): a ranked list with the counts behind each score, and a heat view of
// grid × fraud type for the station's map-side briefing.
const T = {
  title: ['本周重点风险人群', "This week's risk groups"],
  list: ['排名列表', 'Ranked list'],
  heat: ['网格热力', 'Heat by grid'],
  group: ['人群', 'Group'],
  unit: ['网格/单位', 'Grid / unit'],
  type: ['诈骗类型', 'Fraud type'],
  score: ['风险分', 'Score'],
  counts: ['依据', 'Counts'],
  rising: ['上升', 'Rising'],
  week: ['统计截至', 'Week ending'],
  cw: ['本周案件', 'cases this week'],
  ww: ['本周预警', 'warnings this week'],
  prev: ['前四周 案件/预警', 'previous 4 weeks cases/warnings'],
  res: ['登记人口', 'residents'],
  anyOcc: ['不限职业', 'any occupation'],
} as const;
const AGE: Record<string, [string, string]> = {
  under_18: ['未成年人', 'Under 18'],
  '18_40': ['18–40 岁', '18–40'],
  '41_65': ['41–65 岁', '41–65'],
  over_65: ['65 岁以上', 'Over 65'],
};

export default function RiskGroupsPage() {
  const { lang } = useI18n();
  const en = lang === 'en-US' ? 1 : 0;
  const t = (k: keyof typeof T) => T[k][en];
  const riskGroups = useQuery(preventionQueries.riskGroups());
  const data = riskGroups.data;
  const loading = riskGroups.isFetching;
  const [view, setView] = useState<'list' | 'heat'>('list');
  const { can } = useSession();
  const launch = useLaunch();
  const queries = useQueryClient();
  const load = () => queries.invalidateQueries({ queryKey: ['prevention', 'risk-groups'] });

  const heat = useMemo(() => {
    const items = data?.items ?? [];
    const types = [...new Map(items.map((g) => [g.fraudType, g.fraudTypeName])).entries()];
    const rows = new Map<string, { unitId: string; unitName: string; cells: Record<string, number> }>();
    for (const g of items) {
      const r = rows.get(g.unitId) ?? { unitId: g.unitId, unitName: g.unitName, cells: {} };
      r.cells[g.fraudType] = Math.max(r.cells[g.fraudType] ?? 0, g.score);
      rows.set(g.unitId, r);
    }
    const max = Math.max(1, ...items.map((g) => g.score));
    return { types, rows: [...rows.values()], max };
  }, [data]);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'list' | 'heat')}
              options={[
                { value: 'list', label: t('list') },
                { value: 'heat', label: t('heat') },
              ]}
            />
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} />
          </Space>
        }
      />
      {data && (
        <Typography.Paragraph type="secondary">
          {t('week')} {formatTime(data.weekEnding, lang)}
        </Typography.Paragraph>
      )}
      {view === 'list' ? (
        <Table<RiskGroup>
          rowKey={(g) => `${g.fraudType}|${g.ageBand}|${g.occupation ?? ''}|${g.unitId}`}
          size="small"
          loading={loading}
          scroll={{ x: 720 }}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '#', key: 'rank', width: 44, render: (_: unknown, __: RiskGroup, i: number) => i + 1 },
            {
              title: t('group'),
              key: 'g',
              render: (_: unknown, g: RiskGroup) => (
                <Space wrap size={4}>
                  <Tag color="blue">{AGE[g.ageBand]?.[en]}</Tag>
                  <Tag>{g.occupation ?? t('anyOcc')}</Tag>
                  {g.rising && <Tag color="red">{t('rising')}</Tag>}
                </Space>
              ),
            },
            { title: t('type'), dataIndex: 'fraudTypeName' },
            { title: t('unit'), dataIndex: 'unitName' },
            { title: t('score'), dataIndex: 'score', width: 80 },
            {
              title: t('counts'),
              key: 'c',
              render: (_: unknown, g: RiskGroup) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('cw')} {g.counts.casesThisWeek} · {t('ww')} {g.counts.warningsThisWeek} · {t('prev')}{' '}
                  {g.counts.casesPrevious4Weeks}/{g.counts.warningsPrevious4Weeks} · {t('res')} {g.counts.residents}
                </Typography.Text>
              ),
            },
            ...(can('prevention:write')
              ? [
                  {
                    title: '',
                    key: 'launch',
                    render: (_: unknown, g: RiskGroup) =>
                      g.counts.residents > 0 && (
                        <Button size="small" onClick={() => launch.open(g)}>
                          {en ? 'SMS' : '短信宣传'}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <Table
          rowKey="unitId"
          size="small"
          scroll={{ x: 160 + 110 * heat.types.length }}
          pagination={false}
          dataSource={heat.rows}
          columns={[
            { title: t('unit'), dataIndex: 'unitName', fixed: 'left', width: 160 },
            ...heat.types.map(([code, name]) => ({
              title: name,
              key: code,
              width: 110,
              onCell: (r: { cells: Record<string, number> }) => ({
                style: {
                  background: `rgba(220, 38, 38, ${((r.cells[code] ?? 0) / heat.max) * 0.85})`,
                  textAlign: 'center' as const,
                },
              }),
              render: (_: unknown, r: { cells: Record<string, number> }) => r.cells[code] ?? '',
            })),
          ]}
        />
      )}
      <CampaignsPanel />
      {launch.modal}
    </>
  );
}
