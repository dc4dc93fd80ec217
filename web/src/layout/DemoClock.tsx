import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import type { DemoClock as DemoState } from '../../../contract/demo.ts';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

const ABSENT = 'zw.demoClock.absent';

// The live demo's simulated city (GET /api/v1/demo/clock exists only under `npm start -- --demo`): a tag saying the
// city runs and how fast, polled every few seconds. There is one clock in the demo — the wall clock the rest of
// the page shows — so no second, simulated time here. Any other server answers 404 and the tag disappears for the
// session.
export function DemoClock() {
  const { t } = useI18n();
  const [state, setState] = useState<DemoState | null>(null);

  useEffect(() => {
    let stopped = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (sessionStorage.getItem(ABSENT) === '1') return;
      try {
        const value = await api.get<DemoState>('/api/v1/demo/clock');
        if (!stopped) setState(value);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return sessionStorage.setItem(ABSENT, '1'); // not a demo server: stop asking
      }
      if (!stopped) poll = setTimeout(() => void load(), 10_000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(poll);
    };
  }, []);

  if (!state) return null;
  const since = state.startedAt.slice(5, 16).replace('T', ' '); // Beijing time, as the server stamps it
  return (
    <Tooltip title={t('demo.clockHint', { since, speed: state.speed, events: state.eventsSent.toLocaleString() })}>
      <Tag
        icon={<ThunderboltOutlined />}
        color={state.running ? 'purple' : 'default'}
        data-testid="demo-clock"
        className="zw-hide-mobile"
      >
        {t(state.running ? 'demo.running' : 'demo.stopped', { speed: state.speed })}
      </Tag>
    </Tooltip>
  );
}
