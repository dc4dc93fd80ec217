import { useState } from 'react';
import { Button } from 'antd';
import { useSession } from '../features/auth/session.tsx';
import { usePurpose } from '../shared/purpose.tsx';

/**
 * 查看完整信息 / 恢复脱敏 on a list of people: masked by default; a user who may see personal data in full asks for it
 * by stating a purpose (asked once per session, audited by the server with every read). `why` is that purpose
 * while the list is shown in full — the queries put it in their key, so masking again is one cached read away.
 * Render `toggle` where the page keeps its controls and `modal` once on the page.
 */
export function useUnmask(labels: { unmask: string; mask: string }) {
  const { can } = useSession();
  const purpose = usePurpose();
  const [why, setWhy] = useState<string | null>(null);
  const toggle = !can('personal:unmask') ? null : why ? (
    <Button size="small" onClick={() => setWhy(null)}>
      {labels.mask}
    </Button>
  ) : (
    <Button size="small" onClick={() => void purpose.ask().then((p) => p && setWhy(p))} data-action="unmask">
      {labels.unmask}
    </Button>
  );
  return { why: why ?? undefined, toggle, modal: purpose.modal };
}
