import { Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import { visibleMenu } from '../../layout/menu.tsx';
import { roleLabel } from '../../shared/labels.ts';
import { useSession } from '../auth/session.tsx';
import { LiaisonHome } from '../orders/LiaisonHome.tsx';
import { TelecomHome } from './TelecomHome.tsx';

// 工作台: who you are, where you sit, and the modules you can open. No charts until there is real data.
export function HomePage() {
  const { t } = useI18n();
  const { user, can } = useSession();
  const navigate = useNavigate();
  if (!user) return null;
  const links = visibleMenu(can)
    .flatMap((e) => e.children ?? [e])
    .filter((e) => e.path !== '/');

  return (
    <Flex vertical gap={24}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Space wrap>
          <Typography.Text>{t('home.unit', { unit: user.unitName })}</Typography.Text>
          <Tag color="blue">{roleLabel(t, user.role)}</Tag>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', maxWidth: 720 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </div>
      {user.role === 'bank_liaison' && <LiaisonHome />}
      {user.role === 'telecom_liaison' && <TelecomHome />}
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('home.quick')}
        </Typography.Title>
        <Row gutter={[12, 12]}>
          {links.map((e) => (
            <Col key={e.path} xs={12} sm={8} md={6} xl={4}>
              <Card hoverable size="small" onClick={() => navigate(e.path)} style={{ textAlign: 'center' }}>
                <div style={{ fontSize: 22, color: '#1d4ed8' }}>{e.icon}</div>
                <div style={{ marginTop: 6 }}>{t(e.label)}</div>
              </Card>
            </Col>
          ))}
        </Row>
      </div>
    </Flex>
  );
}
