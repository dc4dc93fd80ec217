import { useMemo, useState } from 'react';

export type Preset = 'thisWeek' | 'thisMonth' | 'last30' | 'thisYear';
const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Today in the centre's time zone (the demo city stamps its events in real time too: one clock). */
export function useToday(): string {
  const [today] = useState(() => day(Date.now()));
  return today;
}

export function periodOf(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'thisWeek': {
      const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { from: addDays(today, -dow), to: today };
    }
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

export function usePeriod(initial: Preset = 'thisMonth') {
  const today = useToday();
  const [preset, setPreset] = useState<Preset>(initial);
  const period = useMemo(() => periodOf(preset, today), [preset, today]);
  return { today, preset, setPreset, period };
}
