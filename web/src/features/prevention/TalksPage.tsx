import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatDate, formatTime } from '../../shared/labels.ts';
import { useFormMutation } from '../../api/useFormMutation.ts';
import { uploadFile } from '../../api/upload.ts';
import { useSession } from '../auth/session.tsx';
import { useUnits } from '../admin/units/useUnits.ts';
import { Chart, type ChartOption } from '../stats/Chart.tsx';
import {
  preventionApi,
  preventionQueries,
  type HoursBody,
  type TalkBody,
  type VolunteerBody,
  type CampaignRow,
  type CampaignView,
  type Talk,
  type Volunteers,
} from './api.ts';
import { usePrevT } from './i18n.ts';

// 宣讲 and 志愿者: talks and events (place, date, speakers, attendance, photos uploaded with progress), volunteers
// and their hours, and the coverage of a campaign per grid × audience (table and bars).
const PHOTO_MAX = 5 * 1024 * 1024;

export default function TalksPage() {
  const { t } = usePrevT();
  // the campaigns to file a talk under and to show the coverage of; a role without them sees none
  const { data: campaigns = [] } = useQuery({
    ...preventionQueries.campaigns(),
    meta: { quiet: true },
    select: (r) => r.items,
  });
  return (
    <>
      <PageHeader title={t('talksTitle')} />
      <Tabs
        items={[
          { key: 'talks', label: t('talks'), children: <TalksTab campaigns={campaigns} /> },
          { key: 'volunteers', label: t('volunteers'), children: <VolunteersTab /> },
          { key: 'coverage', label: t('coverage'), children: <CoverageTab campaigns={campaigns} /> },
        ]}
      />
    </>
  );
}

function useCampaignOptions(campaigns: CampaignRow[]) {
  const { code, fraudType, lang } = usePrevT();
  return useMemo(
    () =>
      campaigns.map((c) => ({
        value: c.id,
        label: `${fraudType(c.fraudType)} · ${code(c.ageBand)} · ${c.unitName} · ${formatDate(c.launchedAt, lang)}`,
      })),
    [campaigns, code, fraudType, lang],
  );
}

type TalkForm = TalkBody;

function TalksTab({ campaigns }: { campaigns: CampaignRow[] }) {
  const { t } = usePrevT();
  const { can } = useSession();
  const writer = can('prevention:write');
  const units = useUnits(writer);
  const campaignOptions = useCampaignOptions(campaigns);
  const { data: items = [] } = useQuery({ ...preventionQueries.talks(), select: (r) => r.items });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<TalkForm>();
  const create = useFormMutation(form, {
    mutationFn: preventionApi.createTalk,
    invalidate: ['prevention', 'talks'],
    saved: t('saved'),
    onSuccess: () => setCreating(false),
  });

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    create.mutate({
      ...v,
      heldAt: new Date(v.heldAt).toISOString(),
      ...(v.audience ? {} : { audience: undefined }),
    });
  };

  const perGrid = useMemo(() => {
    const m = new Map<string, number>();
    for (const x of items) m.set(x.unitName, (m.get(x.unitName) ?? 0) + x.attendance);
    return [...m.entries()];
  }, [items]);
  const chart: ChartOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 40, right: 12, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: perGrid.map(([k]) => k), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('attendance'), data: perGrid.map(([, v]) => v), itemStyle: { color: '#1d4ed8' } },
      ],
    }),
    [perGrid, t],
  );

  return (
    <>
      <Flex gap={24} wrap style={{ marginBottom: 12 }} align="center">
        <Statistic title={t('talkCount')} value={items.length} />
        <Statistic title={t('attendanceTotal')} value={items.reduce((s, x) => s + x.attendance, 0)} />
        {writer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-action="new-talk">
            {t('newTalk')}
          </Button>
        )}
      </Flex>
      {items.length === 0 ? (
        <Empty description={t('none')} />
      ) : (
        <>
          <Flex vertical gap={12} style={{ maxWidth: 900 }}>
            {items.map((x) => (
              <TalkCard key={x.id} talk={x} writer={writer} />
            ))}
          </Flex>
          {perGrid.length > 0 && (
            <Card size="small" title={t('attendanceChart')} style={{ marginTop: 16, maxWidth: 900 }}>
              <Chart option={chart} label={t('attendanceChart')} height={240} />
            </Card>
          )}
        </>
      )}
      <Modal
        open={creating}
        title={t('newTalk')}
        onCancel={() => setCreating(false)}
        onOk={() => void submit()}
        okText={t('ok')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ attendance: 0, speakers: [] }}>
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            <TreeSelect
              treeData={units.treeData}
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              data-testid="talk-unit"
            />
          </Form.Item>
          <Form.Item name="campaignId" label={t('campaign')}>
            <Select allowClear options={campaignOptions} />
          </Form.Item>
          <Form.Item name="title" label={t('title')} rules={[{ required: true, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="place" label={t('place')} rules={[{ required: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="heldAt" label={t('heldAt')} rules={[{ required: true }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item
            name="speakers"
            label={t('speakers')}
            extra={t('speakersHint')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid="talk-speakers" />
          </Form.Item>
          <Form.Item name="audience" label={t('audience')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="attendance" label={t('attendance')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TalkCard({ talk, writer }: { talk: Talk; writer: boolean }) {
  const { t, lang } = usePrevT();
  const { message } = App.useApp();
  // the photos are read when asked for (a tap on the count), and again after an upload
  const [shown, setShown] = useState(false);
  const { data: photos } = useQuery({
    ...preventionQueries.talkPhotos(talk.id),
    enabled: shown,
    select: (r) => r.items,
  });
  const showPhotos = () => setShown(true);
  const [percent, setPercent] = useState<number | null>(null);
  const queries = useQueryClient();
  const photo = useMutation({
    mutationFn: (file: File) =>
      uploadFile(`/api/v1/prevention/talks/${encodeURIComponent(talk.id)}/photos`, file, { onProgress: setPercent }),
    onMutate: () => setPercent(0),
    onSuccess: () => {
      message.success(t('uploaded'));
      setShown(true);
    },
    // the talk's photo count and its photos
    onSettled: () => {
      setPercent(null);
      return queries.invalidateQueries({ queryKey: ['prevention'] });
    },
  });
  const upload = (file: File) => {
    if (file.size > PHOTO_MAX) {
      message.error(t('tooBig'));
      return;
    }
    photo.mutate(file);
  };
  return (
    <Card
      size="small"
      data-talk={talk.id}
      title={<span style={{ whiteSpace: 'normal' }}>{talk.title}</span>}
      extra={<Tag>{talk.unitName}</Tag>}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {formatTime(talk.heldAt, lang)} · {talk.place}
        </Typography.Text>
        <Space wrap size={4}>
          {t('speakers')}:
          {talk.speakers.map((s) => (
            <Tag key={s}>{s}</Tag>
          ))}
        </Space>
        <Space wrap size={12}>
          <span>
            {t('attendance')}: <b data-testid="talk-attendance">{talk.attendance}</b>
          </span>
          {talk.audience && (
            <span>
              {t('audience')}: {talk.audience}
            </span>
          )}
          <Typography.Link onClick={showPhotos} data-action="show-photos">
            {t('photos')}: <span data-testid="talk-photo-count">{talk.photos}</span>
          </Typography.Link>
        </Space>
        {photos && photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>
              {photos.map((p) => (
                <Image
                  key={p.id}
                  width={88}
                  height={88}
                  style={{ objectFit: 'cover' }}
                  src={preventionApi.photoUrl(talk.id, p.id)}
                  alt={talk.title}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {writer && (
          <Space wrap align="center">
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              disabled={percent !== null}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-action="upload-photo">
                {t('addPhoto')}
              </Button>
            </Upload>
            <Typography.Text type="secondary">{t('photoHint')}</Typography.Text>
            {percent !== null && <Progress percent={percent} size="small" style={{ width: 160 }} />}
          </Space>
        )}
      </Space>
    </Card>
  );
}

function VolunteersTab() {
  const { t } = usePrevT();
  const { can } = useSession();
  const writer = can('prevention:write');
  const units = useUnits(writer);
  const { data } = useQuery(preventionQueries.volunteers());
  const [creating, setCreating] = useState(false);
  const [logging, setLogging] = useState<Volunteers['items'][number] | null>(null);
  const [form] = Form.useForm<VolunteerBody>();
  const [hoursForm] = Form.useForm<HoursBody>();
  const newVolunteer = useFormMutation(form, {
    mutationFn: preventionApi.createVolunteer,
    invalidate: ['prevention', 'volunteers'],
    saved: t('saved'),
    onSuccess: () => setCreating(false),
  });
  const hours = useFormMutation(hoursForm, {
    mutationFn: (v: { id: string; body: HoursBody }) => preventionApi.logHours(v.id, v.body),
    invalidate: ['prevention', 'volunteers'],
    saved: t('saved'),
    onSuccess: () => setLogging(null),
  });
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) newVolunteer.mutate({ unitId: v.unitId, name: v.name, ...(v.phone ? { phone: v.phone } : {}) });
  };
  const log = async () => {
    const v = await hoursForm.validateFields().catch(() => null);
    if (v) hours.mutate({ id: logging!.id, body: v });
  };
  return (
    <>
      <Flex gap={24} wrap style={{ marginBottom: 12 }} align="center">
        <Statistic title={t('volunteerCount')} value={data?.items.length ?? 0} />
        <div data-testid="volunteer-total-hours">
          <Statistic title={t('totalHours')} value={data?.totalHours ?? 0} />
        </div>
        {writer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-action="new-volunteer">
            {t('newVolunteer')}
          </Button>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 520 }}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('unit'), dataIndex: 'unitName' },
          { title: t('phone'), dataIndex: 'phone', render: (v: string | null) => <code>{v ?? '—'}</code> },
          { title: t('hours'), dataIndex: 'hours', width: 110 },
          ...(writer
            ? [
                {
                  title: '',
                  key: 'log',
                  width: 110,
                  render: (_: unknown, v: Volunteers['items'][number]) => (
                    <Button size="small" onClick={() => setLogging(v)} data-action="log-hours">
                      {t('logHours')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={creating}
        title={t('newVolunteer')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t('ok')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label={t('unit')} rules={[{ required: true }]}>
            <TreeSelect treeData={units.treeData} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 64 }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="phone" label={t('phone')}>
            <Input inputMode="tel" maxLength={32} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!logging}
        title={`${t('logHours')} · ${logging?.name ?? ''}`}
        onCancel={() => setLogging(null)}
        onOk={() => void log()}
        okText={t('ok')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={hoursForm} layout="vertical" initialValues={{ day: new Date().toISOString().slice(0, 10) }}>
          <Form.Item name="day" label={t('day')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="hours" label={t('hours')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="activity" label={t('activity')} rules={[{ required: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CoverageTab({ campaigns }: { campaigns: CampaignRow[] }) {
  const { t, code } = usePrevT();
  const options = useCampaignOptions(campaigns);
  const [id, setId] = useState<string | undefined>();
  // the first campaign until the user picks another
  const shownId = id ?? campaigns[0]?.id;
  const { data: view = null } = useQuery({ ...preventionQueries.campaign(shownId ?? ''), enabled: !!shownId });
  type Row = CampaignView['coverageByAudience'][number];
  const chart: ChartOption = useMemo(() => {
    const grids = view?.coverage ?? [];
    const byGrid = (f: (r: Row) => number) =>
      grids.map((g) =>
        (view?.coverageByAudience ?? []).filter((r) => r.unitId === g.unitId).reduce((s, r) => s + f(r), 0),
      );
    const rest = grids.map((g, i) => Math.max(0, g.target - byGrid((r) => r.reached)[i]!));
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 12, top: 16, bottom: 64 },
      xAxis: { type: 'category', data: grids.map((g) => g.unitName), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          stack: 'c',
          name: t('bySms'),
          data: byGrid((r) => r.reached - r.byVisit),
          itemStyle: { color: '#1d4ed8' },
        },
        {
          type: 'bar',
          stack: 'c',
          name: t('byVisit'),
          data: byGrid((r) => r.byVisit),
          itemStyle: { color: '#16a34a' },
        },
        { type: 'bar', stack: 'c', name: t('remaining'), data: rest, itemStyle: { color: '#cbd5e1' } },
      ],
    };
  }, [view, t]);
  if (!campaigns.length) return <Empty description={t('none')} />;
  return (
    <>
      <Select
        style={{ width: '100%', maxWidth: 520, marginBottom: 12 }}
        value={shownId}
        onChange={setId}
        options={options}
        placeholder={t('pickCampaign')}
        data-testid="coverage-campaign"
      />
      {view && (
        <>
          <Table
            rowKey={(r) => `${r.unitId}|${r.ageBand}|${r.occupation}`}
            size="small"
            scroll={{ x: 640 }}
            pagination={{ pageSize: 20 }}
            dataSource={view.coverageByAudience}
            data-testid="coverage-table"
            columns={[
              { title: t('grid'), dataIndex: 'unitName' },
              { title: t('ageBand'), dataIndex: 'ageBand', render: (v: string) => code(v) },
              { title: t('occupation'), dataIndex: 'occupation', render: (v: string) => v || t('anyOcc') },
              { title: t('target'), dataIndex: 'target', width: 80 },
              { title: t('reached'), dataIndex: 'reached', width: 80 },
              { title: t('bySms'), dataIndex: 'bySms', width: 70 },
              { title: t('byVisit'), dataIndex: 'byVisit', width: 90 },
              {
                title: t('coverageRate'),
                key: 'rate',
                width: 90,
                render: (_: unknown, r: Row) => (r.target ? `${Math.round((r.reached / r.target) * 100)}%` : '—'),
              },
            ]}
          />
          <Card size="small" title={t('coverage')} style={{ marginTop: 12 }}>
            <Chart option={chart} label={t('chartLabel')} height={280} />
          </Card>
        </>
      )}
    </>
  );
}
