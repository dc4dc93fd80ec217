import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../features/auth/session.tsx';
import { canAny } from './menu.tsx';

// The server enforces permissions; this only spares the user a page of 403s.
export function RequirePermission({ perm, children }: { perm: string | readonly string[]; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useI18n();
  return canAny(can, perm) ? <>{children}</> : <Result status="403" title="403" subTitle={t('error.forbidden')} />;
}
