import { Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';

/** On a telecom liaison's home page: what they can do here (两卡 notices, the knowledge base) and what their
 * systems do through the API (call and SMS events), so an empty-looking menu does not read as nothing to do. */
export function TelecomHome() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  return (
    <Card size="small" title={t('home.telecomTitle')} data-testid="telecom-home">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t('home.telecomIntro')}</Typography.Paragraph>
      <ul style={{ paddingLeft: 18, marginTop: 0 }}>
        {can('cards:ack') && <li>{t('home.telecomCards')}</li>}
        {can('knowledge:read') && <li>{t('home.telecomKnowledge')}</li>}
        {can('events:write') && <li>{t('home.telecomEvents')}</li>}
      </ul>
      <Flex gap={8} wrap>
        {can('cards:ack') && (
          <Button type="primary" size="large" onClick={() => navigate('/two-cards')} data-testid="open-cards">
            {t('home.telecomOpenCards')}
          </Button>
        )}
        {can('knowledge:read') && (
          <Button size="large" onClick={() => navigate('/knowledge')}>
            {t('home.telecomOpenKnowledge')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
