import type { ServerText, ServerTextCode, ServerTextParams } from '../../../../contract/texts.ts';
import { FRAUD_TYPES } from '../indicators/i18n.ts';

// The server's generated texts (rule hits, summaries) by their code (contract/texts.ts), in Chinese and English.
// The Chinese UI shows the stored Chinese text as it always did (it is what the code says, word for word); the
// Chinese table serves a code that comes without it. A code neither table knows shows the stored text.

type Lang = 'zh-CN' | 'en-US';
type Render = (p: ServerTextParams) => string;

const s = (v: string | number | undefined) => (v === undefined ? '' : String(v));
const n = (v: string | number | undefined) => (typeof v === 'number' ? v : Number(v ?? 0));
const yes = (v: string | number | undefined) => v === 1 || v === '1';

// the engine's own formatting (server/modules/engine/rule.ts), so a code without its text reads the same
const group = (x: number) => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const yuanZh = (v: string | number | undefined) => {
  const x = n(v);
  return x >= 10_000 ? `${+(x / 10_000).toFixed(2)}万元` : `${Number.isInteger(x) ? group(x) : x.toFixed(2)}元`;
};
const minutesZh = (v: string | number | undefined) => {
  const x = n(v);
  return x >= 60 ? `${Math.round(x / 60)}分钟` : `${x}秒`;
};
const hoursZh = (v: string | number | undefined) => {
  const x = n(v);
  return x >= 3600 ? `${Math.round(x / 360) / 10}小时` : `${Math.round(x / 60)}分钟`;
};
const yuanEn = (v: string | number | undefined) => `CNY ${n(v).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const minutesEn = (v: string | number | undefined) => {
  const x = n(v);
  return x >= 60 ? `${Math.round(x / 60)} min` : `${x} s`;
};
const hoursEn = (v: string | number | undefined) => {
  const x = n(v);
  return x >= 3600 ? `${Math.round(x / 360) / 10} h` : `${Math.round(x / 60)} min`;
};
const typeName = (code: string | number | undefined, lang: Lang) => {
  const row = FRAUD_TYPES.find(([c]) => c === code);
  return row ? (lang === 'en-US' ? row[2] : row[1]) : s(code);
};
const list = (v: string | number | undefined, lang: Lang) => (lang === 'en-US' ? s(v).split('、').join(', ') : s(v));

const WHERE_ZH: Record<string, string> = {
  sms: '收到的短信',
  report: '群众举报内容',
  parcel: '包裹内容/备注',
  alert: '合作单位预警说明',
};
const WHERE_EN: Record<string, string> = {
  sms: 'A received SMS',
  report: 'A public report',
  parcel: 'A parcel’s contents/note',
  alert: 'A partner’s alert note',
};
const PARTNER_ZH: Record<string, string> = {
  bank: '银行网点',
  gold_shop: '金店',
  logistics: '物流网点',
  telecom: '运营商',
  school: '学校',
  community: '社区',
};
const PARTNER_EN: Record<string, string> = {
  bank: 'Bank branch',
  gold_shop: 'Gold shop',
  logistics: 'Logistics outlet',
  telecom: 'Carrier',
  school: 'School',
  community: 'Community',
};
const CALLER_ZH: Record<string, string> = {
  spoofed: '带“00”/“+”前缀、伪装成国内号码的来电',
  virtual: '虚拟运营商号段陌生来电',
  intl: '陌生境外来电（此前无往来）',
};
const CALLER_EN: Record<string, string> = {
  spoofed: 'a call with a "00"/"+" prefix disguised as a domestic number',
  virtual: 'an unknown call from a virtual-operator number range',
  intl: 'an unknown call from abroad (no earlier contact)',
};
const whenZh = (afterSec: string | number | undefined) => (n(afterSec) <= 0 ? '期间' : `结束后${hoursZh(afterSec)}内`);
const whenEn = (afterSec: string | number | undefined) =>
  n(afterSec) <= 0 ? 'during the call' : `within ${hoursEn(afterSec)} after it`;
const moneyZh = (p: ServerTextParams) => {
  switch (p.money) {
    case 'transfer_person':
      return `向从未转过账的个人账户（${s(p.payee)}）转出${yuanZh(p.amount)}`;
    case 'transfer':
      return `向从未转过账的${p.payee ? `账户（${s(p.payee)}）` : '新账户'}转出${yuanZh(p.amount)}`;
    case 'withdrawal_counter':
      return `柜台取现${yuanZh(p.amount)}`;
    case 'withdrawal_atm':
      return `ATM取现${yuanZh(p.amount)}`;
    case 'loan':
      return `贷款到账${yuanZh(p.amount)}`;
    default:
      return `取现${yuanZh(p.amount)}`;
  }
};
const moneyEn = (p: ServerTextParams) => {
  switch (p.money) {
    case 'transfer_person':
      return `${yuanEn(p.amount)} went to a personal account never paid before (${s(p.payee)})`;
    case 'transfer':
      return `${yuanEn(p.amount)} went to an account never paid before${p.payee ? ` (${s(p.payee)})` : ''}`;
    case 'withdrawal_counter':
      return `${yuanEn(p.amount)} was withdrawn at a counter`;
    case 'withdrawal_atm':
      return `${yuanEn(p.amount)} was withdrawn at an ATM`;
    case 'loan':
      return `a loan of ${yuanEn(p.amount)} was paid in`;
    default:
      return `${yuanEn(p.amount)} was withdrawn`;
  }
};

export const SERVER_TEXT_ZH: Record<ServerTextCode, Render> = {
  'hit.listed_contact': (p) =>
    `与涉诈号码 ${s(p.peer)} ${
      p.via === 'call'
        ? `通话${minutesZh(p.durationSec)}`
        : p.via === 'call_missed'
          ? '通话（未接通）'
          : p.via === 'sms'
            ? '短信往来'
            : '群众举报中提到'
    }${p.why ? `（名单原因：${s(p.why)}）` : ''}`,
  'hit.foreign_call': (p) =>
    yes(p.dating)
      ? `安装交友软件后接听${CALLER_ZH[s(p.kind)] ?? ''} ${s(p.peer)}，通话${minutesZh(p.durationSec)}（网恋交友、裸聊敲诈常转到境外号码联系）`
      : `接听${CALLER_ZH[s(p.kind)] ?? ''} ${s(p.peer)}，通话${minutesZh(p.durationSec)}（冒充公检法、客服常用此类号码）`,
  'hit.fraud_url': (p) =>
    `访问了${yes(p.onIp) ? `涉诈IP地址 ${s(p.ip)} 上的网站` : '涉诈网站'} ${s(p.site)}${p.why ? `（${s(p.why)}）` : ''}`,
  'hit.fraud_app': (p) =>
    `安装了涉诈App“${s(p.app)}”${yes(p.during) ? '（在通话期间或通话后不久）' : ''}${p.why ? `：${s(p.why)}` : ''}`,
  'hit.screen_share_app': (p) =>
    yes(p.during)
      ? `${n(p.afterCallSec) <= 0 ? '通话期间' : `通话后${hoursZh(Math.max(60, n(p.afterCallSec)))}内`}安装了屏幕共享/会议软件“${s(p.app)}”${yes(p.suspicious) ? '，来电号码可疑' : ''}（骗子常借此看到验证码和银行操作）`
      : `安装了屏幕共享/会议软件“${s(p.app)}”`,
  'hit.risky_app': (p) =>
    `安装了名称像投资/交易平台、但不在持牌机构名单中的App“${s(p.app)}”${yes(p.afterChat) ? '，此前几天刚安装境外/加密聊天软件' : ''}（虚假投资理财常让受害人下载此类App“入金”）`,
  'hit.impersonation_claim': (p) =>
    `陌生${yes(p.virtual) ? '虚拟号段' : ''}号码 ${s(p.peer)} 发来短信自称“${s(p.title)}”（冒充领导熟人常以“换了新号”加好友后要求转账）`,
  'hit.script_text': (p) =>
    `${WHERE_ZH[s(p.where)] ?? ''}被识别为${typeName(p.fraudType, 'zh-CN')}诈骗话术（可能性${s(p.percent)}%${p.words ? `，依据词语：${s(p.words)}` : ''}）`,
  'hit.script_phrases': (p) => `${WHERE_ZH[s(p.where)] ?? ''}含诈骗话术关键词：${s(p.phrases)}`,
  'hit.listed_keyword': (p) => `文字中含名单关键词：${s(p.keywords)}`,
  'hit.listed_account': (p) => `向涉诈账户 ${s(p.account)} 转出${yuanZh(p.amount)}${p.why ? `（${s(p.why)}）` : ''}`,
  'hit.call_then_transfer': (p) =>
    `${yes(p.suspicious) ? '可疑来电' : '通话'}（${minutesZh(p.callSec)}）${whenZh(p.afterSec)}，向从未转过账的新账户 ${s(p.account)} 转出${yuanZh(p.amount)}`,
  'hit.call_then_transfer_later': (p) =>
    `可疑来电后${hoursZh(p.withinSec)}内，向从未转过账的新账户 ${s(p.account)} 转出${yuanZh(p.amount)}`,
  'hit.script_then_transfer': (p) =>
    `收到含诈骗话术的短信${hoursZh(p.afterSec)}后，向从未转过账的${p.payee ? `个人账户（${s(p.payee)}）` : '新账户'} ${s(p.account)} 转出${yuanZh(p.amount)}`,
  'hit.app_then_transfer': (p) =>
    `安装“${s(p.app)}”${hoursZh(p.afterSec)}后，向从未转过账的个人账户（${s(p.payee)}）${s(p.account)} 转出${yuanZh(p.amount)}（正规平台不会让客户转账到个人账户）`,
  'hit.counter_cash_on_call': (p) =>
    `${yes(p.suspicious) ? '可疑来电' : '长时间通话'}（${minutesZh(p.callSec)}）${whenZh(p.afterSec)}到柜台取现${yuanZh(p.amount)}（骗子常遥控受害人取现后交给“取款人”）`,
  'hit.first_large_transfer': (p) =>
    `首次向陌生账户 ${s(p.account)}${p.payee ? `（${s(p.payee)}）` : ''} 转出大额${yuanZh(p.amount)}`,
  'hit.new_payee_escalation': (p) =>
    `${hoursZh(p.windowSec)}内向${s(p.count)}个新账户转账，金额越转越大（合计${yuanZh(p.total)}），符合刷单返利“连单”等特征`,
  'hit.loan_burst': (p) =>
    `${hoursZh(p.windowSec)}内办理${s(p.count)}笔贷款，共${yuanZh(p.total)}（骗子常诱导受害人贷款筹钱）`,
  'hit.loans_then_cashout': (p) =>
    `${s(p.count)}笔贷款（共${yuanZh(p.total)}）到账后随即${yes(p.withdrawal) ? '取现' : '转出'}${yuanZh(p.amount)}`,
  'hit.repeated_withdrawals': (p) =>
    `${hoursZh(p.windowSec)}内取现${s(p.count)}次，共${yuanZh(p.total)}（可能准备“线下交易”或交给骗子）`,
  // the stored Chinese also names the strongest contact in words; the code carries how many there were
  'hit.contact_then_money': (p) =>
    `${n(p.contacts) > 1 ? `${s(p.contacts)}次可疑接触` : '可疑接触'}后${hoursZh(p.withinSec)}内${moneyZh(p)}（接触强度${s(p.contactPercent)}%，资金强度${s(p.moneyPercent)}%）`,
  'hit.partner_alert': (p) =>
    `${PARTNER_ZH[s(p.partner)] ?? s(p.partner)}“${s(p.unit)}”报告：${s(p.note)}${p.amount !== '' && p.amount !== undefined ? `（涉及金额${yuanZh(p.amount)}）` : ''}`,
  'hit.parcel_suspicious': (p) =>
    `包裹内含${s(p.items)}${yes(p.flyer) ? '（二维码传单常用于引流诈骗）' : '（疑似买卖、寄递“两卡”）'}`,
  'hit.manual': () => '人工录入',
  'hit.upstream': () => '上级推送',
  'summary.manual': () => '人工录入预警',
  'summary.upstream': () => '上级推送预警',
  'summary.reported_loss': (p) =>
    `${p.channel === 'desk' ? '96110 来电' : '群众举报'}：自述被骗 ${s(p.loss)} 元。${s(p.note)}`,
  'summary.desk_call': (p) => `96110 来电：${s(p.question)}`,
};

export const SERVER_TEXT_EN: Record<ServerTextCode, Render> = {
  'hit.listed_contact': (p) =>
    `${
      p.via === 'call'
        ? `A ${minutesEn(p.durationSec)} call with`
        : p.via === 'call_missed'
          ? 'An unanswered call with'
          : p.via === 'sms'
            ? 'SMS exchanged with'
            : 'A public report names'
    } the listed fraud number ${s(p.peer)}${p.why ? ` (listed for: ${s(p.why)})` : ''}`,
  'hit.foreign_call': (p) =>
    yes(p.dating)
      ? `After installing a dating app, answered ${CALLER_EN[s(p.kind)] ?? 'a call'} ${s(p.peer)}, talked ${minutesEn(p.durationSec)} (online romance and sextortion often move to numbers abroad)`
      : `Answered ${CALLER_EN[s(p.kind)] ?? 'a call'} ${s(p.peer)}, talked ${minutesEn(p.durationSec)} (fake police and fake customer service use such numbers)`,
  'hit.fraud_url': (p) =>
    `Visited ${yes(p.onIp) ? `a site on the fraud IP address ${s(p.ip)}` : 'a fraud website'} ${s(p.site)}${p.why ? ` (${s(p.why)})` : ''}`,
  'hit.fraud_app': (p) =>
    `Installed the fraud app "${s(p.app)}"${yes(p.during) ? ' (during or shortly after a call)' : ''}${p.why ? `: ${s(p.why)}` : ''}`,
  'hit.screen_share_app': (p) =>
    yes(p.during)
      ? `Installed the screen-sharing/meeting app "${s(p.app)}" ${n(p.afterCallSec) <= 0 ? 'during a call' : `within ${hoursEn(Math.max(60, n(p.afterCallSec)))} after a call`}${yes(p.suspicious) ? ' from a suspicious number' : ''} (fraudsters use it to see verification codes and banking)`
      : `Installed the screen-sharing/meeting app "${s(p.app)}"`,
  'hit.risky_app': (p) =>
    `Installed "${s(p.app)}", named like an investment/trading platform but not on the licensed list${yes(p.afterChat) ? ', days after installing a foreign/encrypted chat app' : ''} (fake investment schemes have victims "deposit" through such apps)`,
  'hit.impersonation_claim': (p) =>
    `An unknown ${yes(p.virtual) ? 'virtual-range ' : ''}number ${s(p.peer)} texted claiming to be "${s(p.title)}" (impostors of bosses and acquaintances say "new number" and then ask for money)`,
  'hit.script_text': (p) =>
    `${WHERE_EN[s(p.where)] ?? 'A text'} reads as a ${typeName(p.fraudType, 'en-US')} fraud script (likelihood ${s(p.percent)}%${p.words ? `; words: ${list(p.words, 'en-US')}` : ''})`,
  'hit.script_phrases': (p) =>
    `${WHERE_EN[s(p.where)] ?? 'A text'} contains fraud-script phrases: ${list(p.phrases, 'en-US')}`,
  'hit.listed_keyword': (p) => `The text contains listed keywords: ${list(p.keywords, 'en-US')}`,
  'hit.listed_account': (p) =>
    `${yuanEn(p.amount)} sent to the listed fraud account ${s(p.account)}${p.why ? ` (${s(p.why)})` : ''}`,
  'hit.call_then_transfer': (p) =>
    `${yes(p.suspicious) ? 'A suspicious call' : 'A call'} (${minutesEn(p.callSec)}), then ${whenEn(p.afterSec)}, ${yuanEn(p.amount)} sent to the never-paid account ${s(p.account)}`,
  'hit.call_then_transfer_later': (p) =>
    `Within ${hoursEn(p.withinSec)} of a suspicious call, ${yuanEn(p.amount)} sent to the never-paid account ${s(p.account)}`,
  'hit.script_then_transfer': (p) =>
    `${hoursEn(p.afterSec)} after an SMS with a fraud script, ${yuanEn(p.amount)} sent to a never-paid ${p.payee ? `personal account (${s(p.payee)})` : 'account'} ${s(p.account)}`,
  'hit.app_then_transfer': (p) =>
    `${hoursEn(p.afterSec)} after installing "${s(p.app)}", ${yuanEn(p.amount)} sent to the never-paid personal account (${s(p.payee)}) ${s(p.account)} (real platforms never ask for payment to a person)`,
  'hit.counter_cash_on_call': (p) =>
    `${yes(p.suspicious) ? 'A suspicious call' : 'A long call'} (${minutesEn(p.callSec)}), then ${whenEn(p.afterSec)}, ${yuanEn(p.amount)} withdrawn at a counter (fraudsters steer victims to hand cash to a "collector")`,
  'hit.first_large_transfer': (p) =>
    `First large transfer, ${yuanEn(p.amount)}, to the unknown account ${s(p.account)}${p.payee ? ` (${s(p.payee)})` : ''}`,
  'hit.new_payee_escalation': (p) =>
    `Transfers to ${s(p.count)} new accounts within ${hoursEn(p.windowSec)}, each larger (${yuanEn(p.total)} in all): the "chained orders" of task scams`,
  'hit.loan_burst': (p) =>
    `${s(p.count)} loans within ${hoursEn(p.windowSec)}, ${yuanEn(p.total)} in all (fraudsters push victims to borrow)`,
  'hit.loans_then_cashout': (p) =>
    `${s(p.count)} loans (${yuanEn(p.total)}) paid in, then at once ${yuanEn(p.amount)} ${yes(p.withdrawal) ? 'withdrawn' : 'sent out'}`,
  'hit.repeated_withdrawals': (p) =>
    `${s(p.count)} cash withdrawals within ${hoursEn(p.windowSec)}, ${yuanEn(p.total)} in all (possibly for an "offline deal" or a fraudster)`,
  'hit.contact_then_money': (p) =>
    `${n(p.contacts) > 1 ? `${s(p.contacts)} suspicious contacts` : 'A suspicious contact'}, then within ${hoursEn(p.withinSec)} ${moneyEn(p)} (contact strength ${s(p.contactPercent)}%, money strength ${s(p.moneyPercent)}%)`,
  'hit.partner_alert': (p) =>
    `${PARTNER_EN[s(p.partner)] ?? s(p.partner)} "${s(p.unit)}" reports: ${s(p.note)}${p.amount !== '' && p.amount !== undefined ? ` (amount ${yuanEn(p.amount)})` : ''}`,
  'hit.parcel_suspicious': (p) =>
    `The parcel holds ${list(p.items, 'en-US')}${yes(p.flyer) ? ' (QR-code flyers lure people into scams)' : ' (possibly trading or posting bank cards and SIM cards)'}`,
  'hit.manual': () => 'Entered by hand',
  'hit.upstream': () => 'Pushed by the upstream centre',
  'summary.manual': () => 'Warning entered by hand',
  'summary.upstream': () => 'Warning pushed by the upstream centre',
  'summary.reported_loss': (p) =>
    `${p.channel === 'desk' ? '96110 call' : 'Public report'}: says they were defrauded of ${yuanEn(p.loss)}. ${s(p.note)}`,
  'summary.desk_call': (p) => `96110 call: ${s(p.question)}`,
};

/**
 * A generated text in the reader's language: English from the code; Chinese as stored (the code's table when
 * nothing was stored). An unknown code, or no code (an old row, a text a person wrote), shows the stored text.
 */
export function serverText(
  msg: ServerText | null | undefined,
  stored: string | null | undefined,
  lang: string,
): string {
  const table = lang === 'en-US' ? SERVER_TEXT_EN : SERVER_TEXT_ZH;
  const render = msg ? table[msg.code as ServerTextCode] : undefined;
  if (!render || (lang !== 'en-US' && stored)) return stored ?? '';
  return render(msg!.params);
}

/** A summary made of several texts (an engine warning's three strongest hits), joined as the server joins them. */
export function serverTexts(msgs: ServerText[] | null | undefined, stored: string | null, lang: string): string | null {
  if (!msgs || msgs.length === 0 || lang !== 'en-US') return stored;
  if (msgs.some((m) => !(m.code in SERVER_TEXT_EN))) return stored;
  return msgs.map((m) => serverText(m, null, lang)).join('; ');
}
