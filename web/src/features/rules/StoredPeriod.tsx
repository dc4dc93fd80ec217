import { Alert, Card, DatePicker, Progress, Typography } from 'antd';
import type { BacktestJob } from '../../../../contract/rules.ts';
import { useRulesT } from './i18n.ts';

export type Period = [string, string];

/** The stored period to replay (at most 31 days, the server checks), typed or picked, in the browser's time zone. */
export function PeriodPicker({ onChange, testId }: { onChange: (p: Period | null) => void; testId?: string }) {
  const rt = useRulesT();
  return (
    <span data-testid={testId}>
      <DatePicker.RangePicker
        showTime
        placeholder={[rt('storedRange'), rt('storedRange')]}
        onChange={(r) => onChange(r?.[0] && r?.[1] ? [r[0].toISOString(), r[1].toISOString()] : null)}
      />
    </span>
  );
}

/** A running stored-period backtest's progress, or why it failed. */
export function JobProgress({ job }: { job: BacktestJob | undefined }) {
  const rt = useRulesT();
  if (job?.state === 'failed')
    return <Alert type="error" showIcon title={rt('storedFailed', { e: job.error ?? '' })} />;
  if (job?.state !== 'running') return null;
  return (
    <Card size="small" data-testid="backtest-progress">
      <Typography.Text>
        {rt('storedRunning', { done: job.processed.toLocaleString(), total: job.total.toLocaleString() })}
      </Typography.Text>
      <Progress percent={job.total ? Math.floor((job.processed * 100) / job.total) : 0} />
    </Card>
  );
}
