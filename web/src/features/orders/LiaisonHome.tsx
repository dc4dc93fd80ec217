import { Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useOrdersT } from './i18n.ts';

/** On a bank liaison's home page: what they can do here, and the way to their inbox. */
export function LiaisonHome() {
  const { t } = useOrdersT();
  const navigate = useNavigate();
  return (
    <Card size="small" title={t('liaisonTitle')} data-testid="liaison-home">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t('liaisonIntro')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button type="primary" size="large" onClick={() => navigate('/funds/inbox')} data-testid="open-inbox">
          {t('liaisonInbox')}
        </Button>
        <Button size="large" onClick={() => navigate('/funds')}>
          {t('liaisonList')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t('liaisonReport')}
      </Typography.Paragraph>
    </Card>
  );
}
