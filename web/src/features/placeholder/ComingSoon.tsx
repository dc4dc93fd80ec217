import { Result, Tag } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.tsx';

export type Module = 'warnings' | 'cases' | 'funds' | 'analysis' | 'prevention' | 'twoCards' | 'statistics';

// A module that is on the roadmap but not built: say what it will do, promise nothing else.
export function ComingSoon({ module }: { module: Module }) {
  const { t } = useI18n();
  return (
    <Result
      icon={<ToolOutlined style={{ color: '#94a3b8' }} />}
      title={
        <>
          {t(`menu.${module}`)} <Tag>{t('soon.title')}</Tag>
        </>
      }
      subTitle={t(`soon.${module}`)}
    />
  );
}
