import type { CheckResult } from '../../../contract/public.ts';
import { VERDICT_LABELS } from '../../../contract/public.ts';

/** What is known about a value, as counts only: nothing here says who reported or whom it concerned. */
export interface Signals {
  /** on the block list (live entry) */
  blocked: boolean;
  /** on the allow list (a bank's official number, a government site) */
  allowed: boolean;
  /** distinct reporters (by salted IP hash / desk call) in the look-back window */
  reporters: number;
  /** reports confirmed by an officer */
  confirmedReports: number;
  /** cases naming the value (from the cases module once it lands) */
  cases: number;
}

export const REPORTERS_SUSPICIOUS = 1;
export const REPORTERS_HIGH = 3;

const ADVICE_HIGH = [
  '立即停止与对方联系，不要转账、不要透露验证码或银行卡信息。',
  '如已转账，请立即拨打 110 或 96110 报警，并联系银行申请紧急止付。',
  '公安机关不会通过电话、视频办案，也没有所谓“安全账户”。',
];
const ADVICE_SUSPICIOUS = [
  '该信息已被群众举报，请提高警惕，核实对方身份后再行动。',
  '不要下载陌生 App、不要点击陌生链接、不要共享屏幕。',
  '拿不准时拨打 96110 反诈专线咨询。',
];
const ADVICE_NONE = [
  '暂未发现风险记录，但不代表绝对安全。',
  '凡是要求转账、刷单、贷款先交费、屏幕共享的，都是诈骗。',
  '遇到可疑情况请拨打 96110 咨询或在本页举报。',
];

/** Graded verdict: block list or several independent reports or a case → 高风险; one report → 可疑; allow list wins. */
export function verdictOf(s: Signals): CheckResult {
  let v: CheckResult['verdict'];
  if (s.allowed) v = 'no_risk_found';
  else if (s.blocked || s.cases > 0 || s.confirmedReports > 0 || s.reporters >= REPORTERS_HIGH) v = 'high_risk';
  else if (s.reporters >= REPORTERS_SUSPICIOUS) v = 'suspicious';
  else v = 'no_risk_found';
  const advice = v === 'high_risk' ? ADVICE_HIGH : v === 'suspicious' ? ADVICE_SUSPICIOUS : ADVICE_NONE;
  return { verdict: v, label: VERDICT_LABELS[v], advice: [...advice] };
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) =>
    b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) =>
    b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** True when the bytes are an image of the declared type (by signature, not by what the client says). */
export const isImageOfType = (type: string, bytes: Buffer): boolean => MAGIC[type]?.(bytes) ?? false;
