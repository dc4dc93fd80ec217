import { Descriptions, Modal, Tag } from 'antd';
import type { Resident } from '../../../../contract/access.ts';
import { useI18n } from '../../i18n/index.tsx';
import { occupationLabel } from '../../shared/labels.ts';

export function ResidentDetail({
  resident,
  purpose,
  onClose,
}: {
  resident: Resident | null;
  purpose?: string;
  onClose(): void;
}) {
  const { t, lang } = useI18n();
  const r = resident;
  return (
    <Modal open={!!r} title={r?.name} onCancel={onClose} footer={null}>
      {r && (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'id', label: t('residents.idNumber'), children: <code>{r.idNumber ?? '—'}</code> },
            { key: 'phone', label: t('residents.phone'), children: <code>{r.phone ?? '—'}</code> },
            { key: 'address', label: t('residents.address'), children: r.address ?? '—' },
            { key: 'unit', label: t('residents.unit'), children: r.unitName },
            { key: 'birth', label: t('residents.birthYear'), children: r.birthYear ?? '—' },
            { key: 'occ', label: t('residents.occupation'), children: occupationLabel(r.occupation, lang) },
            {
              key: 'purpose',
              label: t('audit.purpose'),
              children: r.masked ? <Tag>{t('residents.masked')}</Tag> : purpose,
            },
          ]}
        />
      )}
    </Modal>
  );
}
