import { App, Form, Input, InputNumber, Modal, TreeSelect } from 'antd';
import { residentsApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFormSubmit } from '../../shared/errors.ts';
import type { TreeOption } from '../admin/units/tree.ts';

interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  unitId: string;
  birthYear?: number;
  occupation?: string;
}

export function ResidentForm(props: {
  open: boolean;
  unitTree: TreeOption[];
  purpose?: string;
  onClose(): void;
  onCreated(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const { busy, submit } = useFormSubmit(form, async (v: Values) => {
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    await residentsApi.create(body, props.purpose);
    message.success(t('residents.created'));
    form.resetFields();
    props.onCreated();
  });

  return (
    <Modal
      open={props.open}
      title={t('residents.new')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: '', idNumber: '', phone: '', address: '', occupation: '' }}
      >
        <Form.Item name="name" label={t('residents.name')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="unitId" label={t('residents.unit')} rules={[{ required: true }]}>
          <TreeSelect treeData={props.unitTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="idNumber" label={t('residents.idNumber')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label={t('residents.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('residents.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="birthYear" label={t('residents.birthYear')}>
          <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="occupation" label={t('residents.occupation')}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
