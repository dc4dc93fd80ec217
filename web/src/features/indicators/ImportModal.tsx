import { useState } from 'react';
import { Alert, Button, Modal, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { indicatorsApi, rowProblems, type RowProblem } from './api.ts';
import { useIndicatorT } from './i18n.ts';

const TEMPLATE =
  '\ufeff类型,值,名单,原因,来源,置信度,有效期至,诈骗类型\r\nphone,13800138000,黑名单,冒充客服来电,manual,80,,fake_customer_service\r\n';

function downloadTemplate() {
  const url = URL.createObjectURL(new Blob([TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'indicators-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Upload a whole file; the server takes all rows or none, and a refusal lists every bad row. */
export function ImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const ti = useIndicatorT();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: string } | { problems: RowProblem[] } | { error: string } | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setResult(null);
    try {
      const r = await indicatorsApi.import(file);
      setResult({ ok: ti('importDone', r) });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const problems = rowProblems(e);
        setResult(problems.some((p) => p.row > 0) ? { problems } : { error: problems[0]?.reason ?? e.message });
      } else setResult({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setResult(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={ti('import')}
      onCancel={close}
      footer={<Button onClick={close}>{ti('close')}</Button>}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {ti('importHint')} <Typography.Link onClick={downloadTemplate}>{ti('template')}</Typography.Link>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{ti('importDrop')}</p>
      </Upload.Dragger>
      {result && 'ok' in result && <Alert style={{ marginTop: 12 }} type="success" showIcon title={result.ok} />}
      {result && 'error' in result && <Alert style={{ marginTop: 12 }} type="error" showIcon title={result.error} />}
      {result && 'problems' in result && (
        <>
          <Alert style={{ margin: '12px 0' }} type="error" showIcon title={ti('importErrors')} />
          <Table
            size="small"
            rowKey={(p) => `${p.row}-${p.field}-${p.reason}`}
            dataSource={result.problems}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: ti('row'), dataIndex: 'row', width: 80 },
              { title: ti('field'), dataIndex: 'field', width: 120 },
              { title: ti('problem'), dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
