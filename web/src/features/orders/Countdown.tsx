import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { formatLeft, useOrdersT } from './i18n.ts';

/** Now on the server's clock (the demo's clock runs ahead): `offset` = server now − browser now at the last load. */
export function useServerNow(offset: number) {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const id = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(id);
  }, [offset]);
  return now;
}

/** A running countdown; red when over, orange in its last five minutes. */
export function Countdown({
  label,
  endsAt,
  now,
  testId,
}: {
  label: string;
  endsAt: string | null;
  now: number;
  testId?: string;
}) {
  const t = useOrdersT().t;
  const { lang } = useI18n();
  if (!endsAt) return null;
  const left = Date.parse(endsAt) - now;
  return (
    <Tag color={left <= 0 ? 'red' : left < 5 * 60_000 ? 'orange' : 'blue'} data-testid={testId}>
      {label} {left <= 0 ? t('overdue') : formatLeft(left, lang)}
    </Tag>
  );
}
