import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

const ABSENT = 'zw.demoClock.absent';

interface Clock {
  running: boolean;
  cityTime: string;
  speed: number;
  eventsSent: number;
  round: number;
}

// The live demo's city clock (GET /api/v1/demo/clock exists only under `npm start -- --demo`): polled every few
// seconds and advanced locally in between, so the header shows the simulated time ticking at its speed-up.
// Any other server answers 404 and the clock disappears for the session.
export function DemoClock() {
  const { t } = useI18n();
  const [clock, setClock] = useState<{ at: number; value: Clock } | null>(null);
  const [, tick] = useState(0);

  useEffect(() => {
    let stopped = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (sessionStorage.getItem(ABSENT) === '1') return;
      try {
        const value = await api.get<Clock>('/api/v1/demo/clock');
        if (!stopped) setClock({ at: Date.now(), value });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return sessionStorage.setItem(ABSENT, '1'); // not a demo server: stop asking
      }
      if (!stopped) poll = setTimeout(() => void load(), 10_000);
    };
    void load();
    const second = setInterval(() => tick((n) => n + 1), 1000);
    return () => {
      stopped = true;
      clearTimeout(poll);
      clearInterval(second);
    };
  }, []);

  if (!clock) return null;
  const { value } = clock;
  const cityMs = Date.parse(value.cityTime) + (value.running ? (Date.now() - clock.at) * value.speed : 0);
  const shown = new Date(cityMs + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' '); // the city runs on Beijing time
  return (
    <Tooltip title={t('demo.clockHint', { speed: value.speed, events: value.eventsSent.toLocaleString() })}>
      <Tag
        icon={<FieldTimeOutlined />}
        color={value.running ? 'purple' : 'default'}
        data-testid="demo-clock"
        className="zw-hide-mobile"
      >
        {t('demo.clock')} {shown}
      </Tag>
    </Tooltip>
  );
}
