import { useEffect, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, Navigate, Route, Routes } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Collapse,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import type { CheckResult } from '../../../../contract/public.ts';
import { MAX_SCREENSHOTS, MAX_SCREENSHOT_BYTES, PUBLIC_KINDS, SCREENSHOT_TYPES } from '../../../../contract/public.ts';
import { ApiError } from '../../api/client.ts';
import { publicApi, publicQueries, solveChallenge } from './api.ts';

// 群众端: no login, phone-first, zh-CN. Text from the public is only ever rendered as text (React escapes it).
const KIND_LABEL: Record<string, string> = {
  phone: '电话号码',
  url: '网址链接',
  account: '银行卡/账号',
  app: 'App 名称或包名',
};
const VERDICT_STYLE: Record<string, { type: 'error' | 'warning' | 'success' }> = {
  high_risk: { type: 'error' },
  suspicious: { type: 'warning' },
  no_risk_found: { type: 'success' },
};

function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · 织网反诈`;
  }, [title]);
  return (
    <div className="zw-public">
      <header className="zw-public-header">
        <div style={{ fontSize: 18, fontWeight: 600 }}>织网 · 反诈群众服务</div>
        <nav className="zw-public-nav" aria-label="群众服务">
          <Link to="/public/report">我要举报</Link>
          <Link to="/public/check">风险查询</Link>
          <Link to="/public/education">防骗知识</Link>
          <Link to="/login">工作人员登录</Link>
        </nav>
      </header>
      <main className="zw-public-main">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {title}
        </Typography.Title>
        {children}
        <p style={{ marginTop: 24, color: '#374151' }}>
          遇到诈骗请立即拨打 <a href="tel:110">110</a> 或反诈专线 <a href="tel:96110">96110</a>。
        </p>
      </main>
    </div>
  );
}

function ReportForm() {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  // the page says what went wrong in its own words (a citizen, not an officer): no toast
  const report = useMutation({
    mutationFn: async (v: {
      kind: string;
      value: string;
      description: string;
      contact?: string;
      consent?: boolean;
      loss?: number;
    }) => {
      const screenshots = await Promise.all(
        files.map(async (f) => {
          const raw = f.originFileObj as File;
          const bytes = new Uint8Array(await raw.arrayBuffer());
          let bin = '';
          for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return { type: raw.type as (typeof SCREENSHOT_TYPES)[number], data: btoa(bin) };
        }),
      );
      const c = await publicApi.challenge();
      const nonce = await solveChallenge(c.challenge, c.difficulty);
      return publicApi.report({
        kind: v.kind as 'phone',
        value: v.value,
        description: v.description,
        consent: !!v.consent,
        ...(v.contact ? { contact: v.contact } : {}),
        ...(v.loss ? { loss: v.loss } : {}),
        ...(screenshots.length ? { screenshots } : {}),
        challenge: c.challenge,
        nonce,
      });
    },
    onMutate: () => setError(null),
    onError: (e) => {
      if (e instanceof ApiError && e.details.length)
        form.setFields(e.details.map((d) => ({ name: d.field.split(/[.[]/)[0]!, errors: [d.reason] })));
      setError(e instanceof ApiError && e.status === 429 ? '提交过于频繁，请稍后再试。' : e.message);
    },
  });
  const done = report.data?.id;
  const busy = report.isPending;
  const submit = report.mutate;
  if (done) {
    return (
      <Result
        status="success"
        title="举报已提交"
        subTitle={
          <span data-testid="report-id" style={{ color: '#374151' }}>
            感谢您的举报，编号 {done.slice(0, 8)}。如已转账，请立即拨打 96110。
          </span>
        }
        extra={<Link to="/public/check">查询风险</Link>}
      />
    );
  }
  return (
    <Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} name="report" layout="vertical" onFinish={submit} initialValues={{ kind: 'phone' }}>
        <Form.Item name="kind" label="举报类别" rules={[{ required: true }]}>
          <Select aria-label="举报类别" options={PUBLIC_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} />
        </Form.Item>
        <Form.Item name="value" label="号码 / 网址 / 账号 / App" rules={[{ required: true, message: '请填写' }]}>
          <Input maxLength={512} />
        </Form.Item>
        <Form.Item name="description" label="发生了什么" rules={[{ required: true, message: '请简要描述' }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="loss"
          label="损失金额（元，未损失可不填）"
          extra={<span style={{ color: '#374151' }}>有损失并留下联系电话的，属地派出所民警将与您联系核实、受案。</span>}
        >
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={`截图（最多 ${MAX_SCREENSHOTS} 张，每张不超过 1MB，PNG/JPEG/WebP）`}>
          <Upload
            accept={SCREENSHOT_TYPES.join(',')}
            fileList={files}
            beforeUpload={(f) => {
              if (!(SCREENSHOT_TYPES as readonly string[]).includes(f.type) || f.size > MAX_SCREENSHOT_BYTES) {
                setError('截图须为 PNG/JPEG/WebP 且不超过 1MB');
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_SCREENSHOTS))}
            maxCount={MAX_SCREENSHOTS}
          >
            <Button>选择图片</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="contact" label="您的手机号（选填，用于民警回访）">
          <Input inputMode="tel" maxLength={32} />
        </Form.Item>
        <Form.Item name="consent" valuePropName="checked">
          <Checkbox>同意民警就本举报与我联系</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block size="large">
          提交举报
        </Button>
      </Form>
    </Card>
  );
}

function CheckForm() {
  // the verdict or the failure shows under the form (a new query clears the last one)
  const check = useMutation({
    mutationFn: (v: { kind: string; value: string }): Promise<CheckResult> => publicApi.check(v.kind, v.value),
    onError: () => undefined,
  });
  const result = check.data;
  const error = check.error?.message;
  const busy = check.isPending;
  const submit = check.mutate;
  return (
    <Card>
      <Form name="check" layout="vertical" onFinish={submit} initialValues={{ kind: 'phone' }}>
        <Form.Item name="kind" label="查询类别">
          <Select aria-label="查询类别" options={PUBLIC_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} />
        </Form.Item>
        <Form.Item
          name="value"
          label="要查询的号码 / 网址 / 账号 / App"
          rules={[{ required: true, message: '请填写' }]}
        >
          <Input maxLength={512} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block size="large">
          查询
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={VERDICT_STYLE[result.verdict]!.type}
          showIcon
          data-testid="verdict"
          role="status"
          title={<strong style={{ fontSize: 18 }}>查询结果：{result.label}</strong>}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {result.advice.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          }
        />
      )}
    </Card>
  );
}

function EducationView() {
  const edu = useQuery({ ...publicQueries.education, meta: { quiet: true } }).data;
  return (
    <Collapse
      items={(edu?.items ?? []).map((i) => ({
        key: i.code,
        label: i.name,
        children: (
          <div>
            <p>{i.summary}</p>
            <ul>
              {i.signs.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
            <p>
              <strong>记住：</strong>
              {i.advice.join('；')}
            </p>
          </div>
        ),
      }))}
    />
  );
}

export default function PublicRoutes() {
  return (
    <Routes>
      <Route
        path="report"
        element={
          <PublicLayout title="我要举报">
            <ReportForm />
          </PublicLayout>
        }
      />
      <Route
        path="check"
        element={
          <PublicLayout title="风险查询">
            <CheckForm />
          </PublicLayout>
        }
      />
      <Route
        path="education"
        element={
          <PublicLayout title="防骗知识">
            <EducationView />
          </PublicLayout>
        }
      />
      <Route path="*" element={<Navigate to="/public/report" replace />} />
    </Routes>
  );
}
