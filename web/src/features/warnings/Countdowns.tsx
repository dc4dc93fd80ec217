import { Space, Tag } from 'antd';
import type { Countdown } from './api.ts';
import { formatRemaining, useWarnT } from './i18n.ts';
import { useTick } from './useLive.ts';

/** Running timers of a warning, soonest first; red when overdue or under a minute. */
export function Countdowns({ items, max = 2 }: { items: Countdown[]; max?: number }) {
  const t = useWarnT();
  const now = useTick();
  if (!items.length) return <span>{t('none')}</span>;
  return (
    <Space size={4} wrap>
      {items.slice(0, max).map((c) => {
        const left = c.dueAt - now;
        return (
          <Tag key={c.timer} color={left <= 0 ? 'red' : left < 60_000 ? 'volcano' : 'default'} data-timer={c.timer}>
            {t(`timer.${c.timer}`)}{' '}
            {left > -1000 && left <= 0
              ? t('overdue')
              : left < 0
                ? `${t('overdue')} ${formatRemaining(-left)}`
                : formatRemaining(left)}
          </Tag>
        );
      })}
    </Space>
  );
}
