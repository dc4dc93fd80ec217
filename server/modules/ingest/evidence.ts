// Warning evidence in plain Chinese for the officer ("境外来电 +852… 通话 25 分钟"). The person at risk's own
// identifiers never appear here (the warning shows them, masked by role); counterparties' numbers do.
import type { Db } from '../../platform/db/index.ts';
import type { WarningDetail } from '../../../contract/warnings.ts';
import { maskAccount } from '../identifiers/index.ts';
import { eventsByKeys } from './repository.ts';

const RESULT: Record<string, string> = { missed: '未接通', busy: '占线', rejected: '被拒接' };
const KIND: Record<string, string> = {
  transfer: '转账',
  withdrawal: '取现',
  deposit: '存入',
  loan: '贷款到账',
  payment: '支付',
};
const CHANNEL: Record<string, string> = { counter: '柜台', online: '网银', mobile: '手机银行', atm: 'ATM', pos: 'POS' };
const PARTNER: Record<string, string> = {
  bank: '银行网点',
  gold_shop: '金店',
  logistics: '物流寄递',
  telecom: '运营商',
  school: '学校',
  community: '社区',
};

const clip = (s: string, n = 60) => (s.length > n ? s.slice(0, n) + '…' : s);
const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const isForeign = (peer: string) => {
  const d = peer.replace(/[^\d+]/g, '');
  return (d.startsWith('+') || d.startsWith('00')) && !/^(\+|00)86/.test(d);
};
function duration(sec: number): string {
  if (sec < 60) return `${sec} 秒`;
  const m = Math.round(sec / 60);
  return m >= 60 ? `${Math.floor(m / 60)} 小时 ${m % 60} 分钟` : `${m} 分钟`;
}

/** One line describing a stored (contract-valid) event. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a validated event payload: one of many shapes
export function describeEvent(p: Record<string, any>): string {
  switch (p.type) {
    case 'call': {
      const who =
        p.direction === 'in' ? (isForeign(p.peer) ? '境外来电' : '来电') : isForeign(p.peer) ? '拨打境外号码' : '去电';
      return `${who} ${p.peer} ${p.result === 'answered' ? `通话 ${duration(p.durationSec)}` : (RESULT[p.result] ?? p.result)}`;
    }
    case 'sms':
      return `${p.direction === 'in' ? '收到' : '发出'}短信 ${p.peer}：「${clip(p.text)}」`;
    case 'url_visit':
      return `访问网址 ${clip(p.url, 120)}`;
    case 'app_install':
      return `安装应用「${p.appName}」${p.package ? `（${p.package}）` : ''}`;
    case 'transaction': {
      const to =
        p.peerAccount || p.peerName ? ` → ${[p.peerName, p.peerBank, p.peerAccount].filter(Boolean).join(' ')}` : '';
      return `${CHANNEL[p.channel] ?? p.channel}${KIND[p.kind] ?? p.kind}${p.direction === 'in' && p.kind !== 'loan' ? '（入账）' : ''} ${yuan(p.amount)}（账户 ${maskAccount(p.account)}）${to}`;
    }
    case 'alert':
      return `${PARTNER[p.partnerKind] ?? p.partnerKind}报告（${p.unit}）：${clip(p.note || '疑似被骗')}${p.amount ? `，涉及 ${yuan(p.amount)}` : ''}`;
    case 'parcel':
      return `寄递物品：${clip(p.contents)}${p.sender ? `（寄件人 ${p.sender}）` : ''}${p.note ? `，${clip(p.note, 40)}` : ''}`;
    case 'report':
      return `群众举报：「${clip(p.text, 80)}」${p.peers?.length ? `，涉及 ${p.peers.slice(0, 3).join('、')}` : ''}`;
    default:
      return String(p.type);
  }
}

/** The engine names events 'source/id' (source never contains '/'). */
export const engineEventId = (source: string, id: string) => `${source}/${id}`;
export function splitEngineEventId(key: string): { source: string; extId: string } | null {
  const i = key.indexOf('/');
  return i > 0 ? { source: key.slice(0, i), extId: key.slice(i + 1) } : null;
}

/** Evidence loader for GET /api/v1/warnings/:id (warnings service `getWarning(…, loadEvidence)`). */
export async function loadEvidence(db: Db, eventIds: string[]): Promise<WarningDetail['evidence']> {
  const keys = eventIds.map(splitEngineEventId).filter((k): k is { source: string; extId: string } => k !== null);
  const rows = await eventsByKeys(db, keys);
  return rows.map((r) => ({
    id: r.ext_id,
    source: r.source,
    type: r.type,
    occurredAt: new Date(r.occurred_at).toISOString(),
    description: describeEvent(r.payload),
  }));
}
