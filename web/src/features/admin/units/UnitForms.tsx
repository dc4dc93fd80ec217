import { useEffect } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import type { Unit } from '../../../../../contract/access.ts';
import { unitsApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { childKinds, DIVISION_DIGITS, DIVISION_KINDS } from '../../../shared/domain.ts';
import { useFormSubmit } from '../../../shared/errors.ts';
import { kindLabel } from '../../../shared/labels.ts';

interface ChildValues {
  kind: string;
  code?: string;
  name?: string;
}

/** New child unit: divisions need a GB/T 2260 code and may omit the name; other kinds need a name. */
export function CreateChildForm({ parent, onCreated }: { parent: Unit; onCreated(unit: Unit): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChildValues>();
  const kind = Form.useWatch('kind', form);
  const division = !!kind && DIVISION_KINDS.includes(kind);

  useEffect(() => form.resetFields(), [parent.id, form]);

  const { busy, submit } = useFormSubmit(form, async (v: ChildValues) => {
    const unit = await unitsApi.create({
      parentId: parent.id,
      kind: v.kind,
      code: v.code?.trim() || undefined,
      name: v.name?.trim() || undefined,
    });
    message.success(t('units.created'));
    form.resetFields();
    onCreated(unit);
  });

  return (
    <Form form={form} name="unitCreate" layout="vertical" onFinish={submit} initialValues={{ code: '', name: '' }}>
      <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
        <Select options={childKinds(parent.kind).map((k) => ({ value: k, label: kindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item
        name="code"
        label={division ? t('units.codeDivision') : t('units.code')}
        extra={division ? t('units.codeHint') : undefined}
        rules={
          division
            ? [
                { required: true },
                { pattern: new RegExp(`^\\d{${DIVISION_DIGITS[kind!]}}(0*)$`), message: t('units.codeHint') },
              ]
            : []
        }
      >
        <Input maxLength={32} inputMode={division ? 'numeric' : undefined} />
      </Form.Item>
      <Form.Item
        name="name"
        label={division ? t('units.nameOptional') : t('units.name')}
        rules={division ? [] : [{ required: true }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="unit-create">
        {t('common.create')}
      </Button>
    </Form>
  );
}

export function RenameForm({ unit, onRenamed }: { unit: Unit; onRenamed(unit: Unit): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  useEffect(() => form.setFieldsValue({ name: unit.name }), [unit, form]);

  const { busy, submit } = useFormSubmit(form, async ({ name }: { name: string }) => {
    const updated = await unitsApi.rename(unit.id, name.trim());
    message.success(t('common.saved'));
    onRenamed(updated);
  });

  return (
    <Form form={form} name="unitRename" layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
      <Form.Item name="name" rules={[{ required: true }]} style={{ minWidth: 220, flex: 1 }}>
        <Input maxLength={100} />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        {t('units.rename')}
      </Button>
    </Form>
  );
}
