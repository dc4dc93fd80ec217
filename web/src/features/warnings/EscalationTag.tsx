import { Tag, Tooltip } from 'antd';
import { reasonText, useWarnT } from './i18n.ts';
import { useI18n } from '../../i18n/index.tsx';

/** 已升级 ×n beside the phase: escalation is a level on the warning, the phase stays what it was. */
export function EscalationTag({ n, reason }: { n: number; reason?: string | null }) {
  const t = useWarnT();
  const { lang } = useI18n();
  const tag = (
    <Tag color="red" data-escalation={n}>
      {t('escalated', { n })}
    </Tag>
  );
  return reason ? <Tooltip title={reasonText(reason, lang)}>{tag}</Tooltip> : tag;
}
