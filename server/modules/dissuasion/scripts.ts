import { FRAUD_TYPES, fraudType } from '../fraud-types/index.ts';
import { BUILTIN_SMS, publishedKnowledge, type Audience } from '../knowledge/index.ts';

/**
 * Talking points: the voice script and SMS chosen per warning from its fraud type and the evidence (engine
 * rule ids). Texts are fixed phrases from this table and the fraud-type catalogue, never partner-supplied
 * strings, so nothing a fraudster controls (an app name, a URL) can end up in a message we send.
 * Police never send links (domain.md §3): every SMS is checked for anything link-like before it leaves.
 */

export const SCRIPTS_VERSION = 'scripts-2026.1';

/** Opening sentence by evidence, most specific first: the first evidence present wins. */
const EVIDENCE_OPENINGS: readonly (readonly [ruleId: string, voice: string, sms: string])[] = [
  ['foreign_call', '您刚刚接听了境外来电，对方很可能是诈骗分子。', '您刚接听了境外来电，'],
  ['screen_share_app', '您正在使用屏幕共享或会议软件，对方能看到您的银行卡和验证码。', '您正在使用屏幕共享软件，'],
  ['listed_contact', '您刚刚联系的号码已被确认涉嫌诈骗。', '您联系的号码涉嫌诈骗，'],
  ['fraud_app', '您的手机上安装了涉嫌诈骗的软件。', '您手机上有涉诈软件，'],
  ['fraud_url', '您访问了涉嫌诈骗的网站。', '您访问了涉诈网站，'],
  ['listed_account', '您正在向已被确认涉嫌诈骗的账户转账。', '您正在向涉诈账户转账，'],
  ['call_then_transfer', '您在通话后正在向陌生账户转账。', '您正在向陌生账户转账，'],
  ['first_large_transfer', '您正在向陌生账户大额转账。', '您正在向陌生账户转账，'],
  ['new_payee_escalation', '您短时间内向多个陌生账户转账，金额越来越大。', '您正在向多个陌生账户转账，'],
  ['loans_then_cashout', '您短时间内办理了多笔贷款并准备转出。', '您刚办理多笔贷款，'],
  ['loan_burst', '您短时间内办理了多笔贷款。', '您刚办理多笔贷款，'],
  ['repeated_withdrawals', '您近期多次取现。', '您近期多次取现，'],
  ['parcel_suspicious', '您收到的包裹里有可疑的二维码或银行卡、电话卡。', '您收到的包裹可疑，'],
];

/** SMS core per fraud type code when nothing is published for it: the knowledge base's built-in texts. */
export const SMS_CORE: Readonly<Record<string, string>> = BUILTIN_SMS;
const SMS_GENERIC = '请勿向陌生人转账，勿透露验证码，勿下载陌生软件。';
const VOICE_GENERIC = ['不要向任何陌生账户转账，不要把验证码告诉任何人。'];
const VOICE_GREETING = '您好，这里是反诈中心，我们发现您可能正在遭遇电信网络诈骗。';
const VOICE_KEYPAD = '如果您确认安全，请按1；需要民警帮助，请按2；重听请按9。';
const SMS_TAIL = '如有疑问请拨打96110。';

export interface ScriptInput {
  fraudTypes: readonly string[];
  /** engine rule ids that fired (evidence) */
  evidence: readonly string[];
  /** e.g. '【南宁市反诈中心】', deployment config */
  smsSignature?: string;
  /** who the person is (elderly, student, …): the published text for that audience, else the type's general one */
  audience?: Audience;
}
export interface ScriptChoice {
  version: string;
  fraudType: string | null;
  evidence: string | null;
  voiceSegments: { type: 'tts'; text: string }[];
  sms: string;
  /** for the officer's screen and the visit */
  talkingPoints: string[];
}

/**
 * Anything a handset or a reader could follow: a scheme, www., or a domain-like token (also with
 * full-width dots, which fraudsters use to slip past filters). Deliberately broad: a false positive costs a
 * rewording, a false negative teaches people that police send links.
 */
export function containsLink(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[。｡．]/g, '.');
  return (
    /[a-z][a-z0-9+.-]*:\/\//i.test(t) || /\bwww\./i.test(t) || /[a-z0-9-]+\.(?:[a-z]{2,}|xn--[a-z0-9-]+)\b/i.test(t)
  );
}

export function selectScript(input: ScriptInput): ScriptChoice {
  // a warning can carry several types; the first one the catalogue knows is the primary
  const primary = input.fraudTypes.find((c) => fraudType(c)) ?? null;
  const opening = EVIDENCE_OPENINGS.find(([rule]) => input.evidence.includes(rule)) ?? null;
  // the published knowledge base's texts for the type (edited and reviewed by people); the built-in ones otherwise
  const kb = primary ? publishedKnowledge(primary) : undefined;
  const aud = input.audience && input.audience !== 'general' ? input.audience : null;
  // the audience's own call script and SMS where the published version has them, else the type's general text
  const audVoice = aud ? kb?.content.voiceByAudience?.[aud] : undefined;
  const audSms = aud ? kb?.content.smsByAudience?.[aud] : undefined;
  const kbVoice = audVoice?.length ? audVoice : kb?.content.voiceScript;
  const points = kbVoice?.length ? kbVoice : primary ? fraudType(primary)!.talkingPoints.slice(0, 3) : VOICE_GENERIC;
  const voiceSegments = [VOICE_GREETING, ...(opening ? [opening[1]] : []), ...points, VOICE_KEYPAD].map((text) => ({
    type: 'tts' as const,
    text,
  }));
  const core = audSms || kb?.content.smsTemplates[0] || (primary && SMS_CORE[primary]) || SMS_GENERIC;
  const sms = `${input.smsSignature ?? '【反诈中心】'}${opening?.[2] ?? ''}${core}${SMS_TAIL}`;
  if (containsLink(sms)) throw new Error('warning SMS must not contain a link'); // e.g. a misconfigured signature
  const forAudience = audVoice?.length || audSms ? `/${aud}` : '';
  const audPoints = aud ? (kb?.content.talkingPoints[aud] ?? []) : [];
  return {
    version: kb ? `${SCRIPTS_VERSION}+kb:${kb.code}@${kb.version}${forAudience}` : SCRIPTS_VERSION,
    fraudType: primary,
    evidence: opening?.[0] ?? null,
    voiceSegments,
    sms,
    talkingPoints: kb
      ? [...audPoints, ...(kb.content.talkingPoints.general ?? [])]
      : primary
        ? [...fraudType(primary)!.talkingPoints]
        : [...VOICE_GENERIC],
  };
}

/** Every SMS the table can produce, for the no-link test and for review by the centre. */
export function allSmsTexts(smsSignature?: string): string[] {
  const types = [...FRAUD_TYPES.map((t) => t.code), 'unknown_type'];
  const evidences = [...EVIDENCE_OPENINGS.map(([r]) => r), 'none'];
  return types.flatMap((t) =>
    evidences.map(
      (e) => selectScript({ fraudTypes: [t], evidence: [e], ...(smsSignature ? { smsSignature } : {}) }).sms,
    ),
  );
}
