import { useEffect, useRef, useState } from 'react';

/**
 * The officer notification stream (SSE, scoped by the server to the user's unit subtree). Calls `onChange`
 * (debounced) whenever a warning in view changes; EventSource reconnects by itself after a drop.
 */
export function useLive(
  onChange: (n: { kind: string; warningId: string; urgent?: boolean; reason?: string }) => void,
): boolean {
  const [connected, setConnected] = useState(false);
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    const es = new EventSource('/api/v1/notifications/stream');
    const handler = (e: MessageEvent<string>) => {
      try {
        cb.current(JSON.parse(e.data));
      } catch {
        /* keep-alive */
      }
    };
    for (const k of ['warning_changed', 'notify_unit', 'notify_officer', 'notify_supervisor', 'warned_then_defrauded'])
      es.addEventListener(k, handler as EventListener);
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, []);
  return connected;
}

/** Re-render every second so countdowns tick without refetching. */
export function useTick(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
