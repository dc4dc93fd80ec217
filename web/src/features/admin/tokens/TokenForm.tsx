import { Checkbox, Form, Input, Modal, TreeSelect } from 'antd';
import { tokensApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { TOKEN_SCOPES } from '../../../shared/domain.ts';
import { useFormSubmit } from '../../../shared/errors.ts';
import { scopeLabel } from '../../../shared/labels.ts';
import type { TreeOption } from '../units/tree.ts';

interface Values {
  name: string;
  unitId?: string;
  scopes: string[];
}

/** New partner token: a name, the partner's unit and the machine scopes it may use. */
export function TokenForm(props: {
  open: boolean;
  unitTree: TreeOption[];
  onClose(): void;
  onCreated(token: string, name: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  const { busy, submit } = useFormSubmit(form, async (v: Values) => {
    const res = await tokensApi.create({ name: v.name.trim(), unitId: v.unitId || undefined, scopes: v.scopes });
    form.resetFields();
    props.onCreated(res.token, v.name.trim());
  });

  return (
    <Modal
      open={props.open}
      title={t('tokens.new')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.create')}
      destroyOnHidden
    >
      <Form
        form={form}
        name="token"
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: '', scopes: ['events:write'] }}
      >
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unitId" label={t('tokens.unit')}>
          <TreeSelect allowClear treeData={props.unitTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="scopes" label={t('tokens.scopes')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group
            options={TOKEN_SCOPES.map((s) => ({
              value: s,
              label: (
                <>
                  {scopeLabel(t, s)} <code style={{ fontSize: 11, opacity: 0.6 }}>{s}</code>
                </>
              ),
            }))}
            style={{ display: 'grid', gap: 6 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
