import { Tag, Tooltip } from 'antd';
import { useWarnT } from './i18n.ts';

/** 已升级 ×n beside the phase: escalation is a level on the warning, the phase stays what it was. */
export function EscalationTag({ n, reason }: { n: number; reason?: string | null }) {
  const t = useWarnT();
  const tag = (
    <Tag color="red" data-escalation={n}>
      {t('escalated', { n })}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}
