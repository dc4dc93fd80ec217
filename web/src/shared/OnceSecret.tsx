import { Alert, App, Button, Flex, Input, Modal, Space } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';

// A secret the server returns once (token, temporary password): shown with a copy button and a warning.
export function OnceSecret(props: { open: boolean; title: string; warning: string; secret: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      message.success(t('common.copied'));
    } catch {
      // clipboard needs a secure context; the field is selectable anyway
      message.info(props.secret);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={props.onClose}>
          {t('common.confirm')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={props.warning} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={props.secret}
            data-testid="once-secret"
            style={{ fontFamily: 'monospace' }}
            onFocus={(e) => e.target.select()}
          />
          <Button icon={<CopyOutlined />} onClick={copy}>
            {t('common.copy')}
          </Button>
        </Space.Compact>
      </Flex>
    </Modal>
  );
}
