import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, Button, Modal, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { uploadFile } from '../api/upload.ts';
import { refusedRows, type RowProblem } from './importRows.ts';

export type { RowProblem };

// One import dialog for every whole-file upload (indicators, 劝返 persons, …): drop a file, watch it upload, and
// either read what was imported or the table of every bad row — the server takes all rows or none, so the list
// is complete and the user fixes the file once. The feature gives its words, its endpoint and how its server
// names a bad row ("rows[12].value", "row 3: 姓名"); a success invalidates the feature's queries.

export interface ImportTexts {
  title: string;
  hint: ReactNode;
  drop: string;
  /** above the table of bad rows */
  errors: string;
  row: string;
  field: string;
  problem: string;
  close: string;
}

type Result = { ok: string } | { problems: RowProblem[]; message: string } | { error: string };

export function ImportModal<T>({
  open,
  onClose,
  url,
  accept,
  texts,
  rows,
  done,
  invalidate,
}: {
  open: boolean;
  onClose: () => void;
  /** the multipart endpoint (field "file") */
  url: string;
  accept: string;
  texts: ImportTexts;
  /** the server's names of bad rows, read into row numbers (row 0: the whole file) */
  rows: (details: { field: string; reason: string }[]) => RowProblem[];
  /** the success message from the server's answer */
  done: (answer: T) => string;
  /** the queries the imported rows change */
  invalidate: QueryKey;
}) {
  const queries = useQueryClient();
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<T>(url, file, { onProgress: setPercent }),
    onMutate: () => {
      setPercent(0);
      setResult(null);
    },
    onSuccess: (answer) => setResult({ ok: done(answer) }),
    // the refusal is shown here, row by row, not as a toast
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) {
        const problems = refusedRows(e, rows);
        setResult(
          problems.some((p) => p.row > 0)
            ? { problems, message: e.message }
            : { error: problems[0]?.reason ?? e.message },
        );
      } else setResult({ error: e.message });
    },
    onSettled: (answer) => {
      setPercent(null);
      if (answer) return queries.invalidateQueries({ queryKey: invalidate });
    },
  });
  const close = () => {
    setResult(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={texts.title}
      onCancel={close}
      footer={<Button onClick={close}>{texts.close}</Button>}
      width={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{texts.hint}</Typography.Paragraph>
      <Upload.Dragger
        accept={accept}
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{texts.drop}</p>
      </Upload.Dragger>
      {percent !== null && <Typography.Text>{percent}%</Typography.Text>}
      {result && 'ok' in result && (
        <Alert style={{ marginTop: 12 }} type="success" showIcon title={result.ok} data-testid="import-ok" />
      )}
      {result && 'error' in result && <Alert style={{ marginTop: 12 }} type="error" showIcon title={result.error} />}
      {result && 'problems' in result && (
        <>
          <Alert style={{ margin: '12px 0' }} type="error" showIcon title={texts.errors} description={result.message} />
          <Table
            size="small"
            rowKey={(p) => `${p.row}-${p.field}-${p.reason}`}
            dataSource={result.problems}
            pagination={{ pageSize: 10 }}
            data-testid="import-problems"
            columns={[
              { title: texts.row, dataIndex: 'row', width: 72 },
              { title: texts.field, dataIndex: 'field', width: 120 },
              { title: texts.problem, dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
