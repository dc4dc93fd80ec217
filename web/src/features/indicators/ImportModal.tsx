import { Typography } from 'antd';
import type { ImportResponse } from '../../../../contract/indicators.ts';
import { ImportModal as FileImport } from '../../components/ImportModal.tsx';
import { indicatorRows } from './api.ts';
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
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ti = useIndicatorT();
  return (
    <FileImport<ImportResponse>
      open={open}
      onClose={onClose}
      url="/api/v1/indicators/import"
      accept=".csv,.xlsx"
      texts={{
        title: ti('import'),
        hint: (
          <>
            {ti('importHint')} <Typography.Link onClick={downloadTemplate}>{ti('template')}</Typography.Link>
          </>
        ),
        drop: ti('importDrop'),
        errors: ti('importErrors'),
        row: ti('row'),
        field: ti('field'),
        problem: ti('problem'),
        close: ti('close'),
      }}
      rows={indicatorRows}
      done={(r) => ti('importDone', r)}
      invalidate={['indicators']}
    />
  );
}
