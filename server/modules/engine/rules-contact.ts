// Rules on contact: calls, SMS, URLs, apps, text. Reasons are written for the officer who calls the person.
import type { Rule } from './rule.ts';
import { hit, hours, minutes } from './rule.ts';
import { fraudTypeRef, type TextClassification } from '../fraud-types/index.ts';
import { text as msg } from '../../../contract/texts.ts';

/** a text with fewer known features than this (a parcel label, "文件") is too short to be read as a script */
export const MIN_EVIDENCE = 6;

/** The classifier's likely types: the top one, and others with at least half its probability (at most 3). */
export function scriptTypes(c: TextClassification): string[] {
  const out: string[] = [];
  for (const x of c.probabilities) if (x.code !== 'normal' && x.p >= c.p * 0.5 && out.length < 3) out.push(x.code);
  return out;
}

const DAY = 86_400_000;

const kwBuf: number[] = [];

export const contactRules: Rule[] = [
  {
    id: 'listed_contact',
    on: ['call', 'sms', 'report'],
    title: '与涉诈号码联系',
    fn(ev, _st, ind, cfg) {
      // a call's or SMS's one peer is read without wrapping it in an array (half of all events come here)
      const peers = ev.reportPeers;
      const n = ev.peer !== null ? 1 : peers ? peers.length : 0;
      for (let i = 0; i < n; i++) {
        const p = ev.peer ?? peers![i]!;
        const slot = ind.blocked('phone', p, ev.t);
        if (slot < 0) continue;
        const ft = ind.fraudTypeOf(slot);
        const answered = ev.raw.type === 'call' && ev.raw.result === 'answered';
        const why = ind.reasonOf(slot);
        const what =
          ev.type === 'call'
            ? `通话${answered ? minutes(ev.raw.type === 'call' ? ev.raw.durationSec : 0) : '（未接通）'}`
            : ev.type === 'sms'
              ? '短信往来'
              : '群众举报中提到';
        return hit(
          'listed_contact',
          cfg,
          ev,
          ft ? [ft] : [],
          cfg.listedContact.weight + (answered ? cfg.listedContact.answeredCallBonus : 0),
          `与涉诈号码 ${p} ${what}${why ? `（名单原因：${why}）` : ''}`,
          msg('hit.listed_contact', {
            peer: p,
            via: ev.type === 'call' ? (answered ? 'call' : 'call_missed') : ev.type,
            durationSec: ev.raw.type === 'call' && answered ? ev.raw.durationSec : 0,
            why,
          }),
        );
      }
      return null;
    },
  },
  {
    id: 'foreign_call',
    on: ['call'],
    title: '境外/伪装/虚拟号段陌生号码长时间通话',
    fn(ev, st, ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'call' || r.direction !== 'in' || r.result !== 'answered' || ev.peer === null) return null;
      const c = cfg.foreignCall;
      const virtual = !ev.peerIntl && !ev.peerSpoofed && ev.peerVirtual; // a risk feature (domain.md §9), not proof
      if (!(ev.peerIntl || ev.peerSpoofed || virtual) || r.durationSec < c.minDurationSec) return null;
      if (ind.allowed('phone', ev.peer)) return null;
      // a relative abroad: a number the subject calls back, or has been in touch with for weeks
      if (!ev.peerSpoofed && st.knowsContact(ev.peer, ev.t, c.knownAfterDays * DAY)) return null;
      const dating = ev.peerIntl && !ev.peerSpoofed && ev.t - st.datingT <= c.datingAppWindowSec * 1000;
      const w =
        (ev.peerSpoofed ? c.weightSpoofed : virtual ? c.weightVirtual : c.weightIntl) + (dating ? c.datingAppBonus : 0);
      if (w === 0) return null;
      const kind = ev.peerSpoofed
        ? '带“00”/“+”前缀、伪装成国内号码的来电'
        : virtual
          ? '虚拟运营商号段陌生来电'
          : '陌生境外来电（此前无往来）';
      const kindCode = ev.peerSpoofed ? 'spoofed' : virtual ? 'virtual' : 'intl';
      if (dating) {
        return hit(
          'foreign_call',
          cfg,
          ev,
          ['online_romance', 'sextortion'],
          w,
          `安装交友软件后接听${kind} ${r.peer}，通话${minutes(r.durationSec)}（网恋交友、裸聊敲诈常转到境外号码联系）`,
          msg('hit.foreign_call', { kind: kindCode, peer: r.peer, durationSec: r.durationSec, dating: 1 }),
        );
      }
      return hit(
        'foreign_call',
        cfg,
        ev,
        ['impersonate_authority', 'fake_customer_service'],
        w,
        `接听${kind} ${r.peer}，通话${minutes(r.durationSec)}（冒充公检法、客服常用此类号码）`,
        msg('hit.foreign_call', { kind: kindCode, peer: r.peer, durationSec: r.durationSec, dating: 0 }),
      );
    },
  },
  {
    id: 'fraud_url',
    on: ['url_visit'],
    title: '访问涉诈网址',
    fn(ev, _st, ind, cfg) {
      if (ev.domain && ind.allowed('domain', ev.domain)) return null;
      if (ev.ip && ind.allowed('ip', ev.ip)) return null;
      let slot = ev.url ? ind.blocked('url', ev.url, ev.t) : -1;
      if (slot < 0 && ev.domain) slot = ind.blocked('domain', ev.domain, ev.t);
      let onIp = false;
      if (slot < 0 && ev.ip) {
        slot = ind.blocked('ip', ev.ip, ev.t);
        onIp = slot >= 0;
      }
      if (slot < 0) return null;
      const ft = ind.fraudTypeOf(slot);
      const why = ind.reasonOf(slot);
      return hit(
        'fraud_url',
        cfg,
        ev,
        ft ? [ft] : ['fake_investment'],
        cfg.fraudUrl.weight,
        `访问了${onIp ? `涉诈IP地址 ${ev.ip} 上的网站` : '涉诈网站'} ${onIp ? ev.url : (ev.domain ?? ev.url)}${why ? `（${why}）` : ''}`,
        msg('hit.fraud_url', {
          onIp: onIp ? 1 : 0,
          ip: ev.ip ?? '',
          site: (onIp ? ev.url : (ev.domain ?? ev.url)) ?? '',
          why,
        }),
      );
    },
  },
  {
    id: 'fraud_app',
    on: ['app_install'],
    title: '安装涉诈App',
    fn(ev, st, ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'app_install') return null;
      const pkg = r.package !== undefined ? lowerCase(r.package) : undefined;
      if (pkg && ind.allowed('app_package', pkg)) return null;
      let slot = pkg ? ind.blocked('app_package', pkg, ev.t) : -1;
      if (slot < 0 && r.sha256) slot = ind.blocked('app_hash', r.sha256.toLowerCase(), ev.t);
      if (slot < 0) return null;
      const gap = st.sinceCall(ev.t);
      const during = gap !== null && gap <= cfg.screenShare.afterCallSec;
      const ft = ind.fraudTypeOf(slot);
      return hit(
        'fraud_app',
        cfg,
        ev,
        ft ? [ft] : ['fake_investment', 'brushing_rebate'],
        cfg.fraudApp.weight + (during ? cfg.fraudApp.duringCallBonus : 0),
        `安装了涉诈App“${r.appName}”${during ? '（在通话期间或通话后不久）' : ''}${ind.reasonOf(slot) ? `：${ind.reasonOf(slot)}` : ''}`,
        msg('hit.fraud_app', { app: r.appName, during: during ? 1 : 0, why: ind.reasonOf(slot) }),
        during ? [st.callId] : undefined,
      );
    },
  },
  {
    id: 'screen_share_app',
    on: ['app_install'],
    title: '通话中安装屏幕共享/会议软件',
    fn(ev, st, ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'app_install') return null;
      const pkg = r.package !== undefined ? lowerCase(r.package) : '';
      const c = cfg.screenShare;
      if (!(pkg && c.packages.includes(pkg)) && !c.names.some((n) => r.appName.includes(n))) return null;
      const sinceCall = st.sinceCall(ev.t);
      const during = sinceCall !== null && sinceCall <= c.afterCallSec;
      if (!during && c.weightAlone === 0) return null;
      const suspicious = during && st.callTypes !== null;
      const w = !during ? c.weightAlone : suspicious ? c.weight : c.weightOrdinaryCall;
      return hit(
        'screen_share_app',
        cfg,
        ev,
        ['fake_customer_service', 'impersonate_authority', 'fake_loan'],
        w,
        during
          ? `${sinceCall! <= 0 ? '通话期间' : `通话后${hours(Math.max(60, sinceCall!))}内`}安装了屏幕共享/会议软件“${r.appName}”${suspicious ? '，来电号码可疑' : ''}（骗子常借此看到验证码和银行操作）`
          : `安装了屏幕共享/会议软件“${r.appName}”`,
        msg('hit.screen_share_app', {
          app: r.appName,
          during: during ? 1 : 0,
          afterCallSec: during ? Math.max(0, sinceCall!) : 0,
          suspicious: suspicious ? 1 : 0,
        }),
        during ? [st.callId] : undefined,
      );
    },
  },
  {
    id: 'risky_app',
    on: ['app_install'],
    title: '安装疑似仿冒投资/交易平台App',
    fn(ev, st, ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'app_install' || !isInvestLookalike(cfg, r.appName, r.package, ind)) return null;
      const c = cfg.riskyApps;
      const afterChat = ev.t - st.chatT <= c.chatWindowSec * 1000;
      const w = c.investWeight + (afterChat ? c.afterChatBonus : 0);
      if (w === 0) return null;
      return hit(
        'risky_app',
        cfg,
        ev,
        INVEST_APP_TYPES,
        w,
        `安装了名称像投资/交易平台、但不在持牌机构名单中的App“${r.appName}”${afterChat ? '，此前几天刚安装境外/加密聊天软件' : ''}（虚假投资理财常让受害人下载此类App“入金”）`,
        msg('hit.risky_app', { app: r.appName, afterChat: afterChat ? 1 : 0 }),
        afterChat && st.appId ? [st.appId] : undefined,
      );
    },
  },
  {
    id: 'impersonation_claim',
    on: ['sms'],
    title: '陌生号码自称领导、熟人',
    fn(ev, st, _ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'sms' || r.direction !== 'in' || ev.peer === null || ev.peerIntl) return null;
      const c = cfg.impersonation;
      if (st.knowsContact(ev.peer, ev.t, cfg.foreignCall.knownAfterDays * DAY)) return null;
      const title = claimedTitle(r.text, c.titles);
      if (title === null) return null;
      const virtual = ev.peerVirtual;
      return hit(
        'impersonation_claim',
        cfg,
        ev,
        ['impersonate_acquaintance'],
        c.weight + (virtual ? c.virtualBonus : 0),
        `陌生${virtual ? '虚拟号段' : ''}号码 ${r.peer} 发来短信自称“${title}”（冒充领导熟人常以“换了新号”加好友后要求转账）`,
        msg('hit.impersonation_claim', { peer: r.peer, virtual: virtual ? 1 : 0, title }),
      );
    },
  },
  {
    id: 'script_text',
    on: ['sms', 'report', 'parcel', 'alert'],
    title: '文字内容符合诈骗话术',
    fn(ev, _st, _ind, cfg, text) {
      if (!text) return null;
      if (ev.raw.type === 'sms' && ev.raw.direction === 'out') return null; // the person's own words: no script
      const s = cfg.script;
      const where =
        ev.type === 'sms'
          ? '收到的短信'
          : ev.type === 'report'
            ? '群众举报内容'
            : ev.type === 'parcel'
              ? '包裹内容/备注'
              : '合作单位预警说明';
      const c = text.script;
      if (c) {
        // the trained classifier decides; the phrase lexicon is one of its features
        const minP = s.minProbability / 100;
        if (c.label === 'normal' || c.p < minP || c.evidence < MIN_EVIDENCE) return null;
        const score = Math.round(s.weightBase + (s.weightMax - s.weightBase) * Math.min(1, (c.p - minP) / (1 - minP)));
        const types = scriptTypes(c);
        return hit(
          'script_text',
          cfg,
          ev,
          types,
          score,
          `${where}被识别为${fraudTypeRef(types[0]!).name}诈骗话术（可能性${Math.round(c.p * 100)}%${c.words.length ? `，依据词语：${c.words.slice(0, 5).join('、')}` : ''}）`,
          msg('hit.script_text', {
            where: ev.type,
            fraudType: types[0]!,
            percent: Math.round(c.p * 100),
            words: c.words.slice(0, 5).join('、'),
          }),
        );
      }
      // phrases only: generic words (验证码, 转账, 二维码) appear in every bank and shop notice; they add weight to
      // a script but never make one on their own, so the minimum counts type-specific phrases only
      if (text.specific < s.minPhrases) return null;
      const score = Math.min(s.weightMax, s.weightBase + s.weightPerExtra * (text.phrases.length - s.minPhrases));
      const types = [...text.byType.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
      return hit(
        'script_text',
        cfg,
        ev,
        types,
        score,
        `${where}含诈骗话术关键词：${text.phrases.slice(0, 6).join('、')}`,
        msg('hit.script_phrases', { where: ev.type, phrases: text.phrases.slice(0, 6).join('、') }),
      );
    },
  },
  {
    id: 'listed_keyword',
    on: ['sms', 'report', 'parcel', 'alert'],
    title: '文字含涉诈关键词（名单）',
    fn(ev, _st, ind, cfg) {
      if (!ev.text) return null;
      const kws = ind.keywordsIn(ev.text, ev.t, kwBuf);
      if (!kws) return null;
      return hit(
        'listed_keyword',
        cfg,
        ev,
        [],
        cfg.keyword.weight,
        `文字中含名单关键词：${kws.slice(0, 6).join('、')}`,
        msg('hit.listed_keyword', { keywords: kws.slice(0, 6).join('、') }),
      );
    },
  },
];

/** Types a risky app points at: trading look-alikes (fake investment, often reached through 杀猪盘), chat apps
 * fraudsters move victims to (task scams, fake shops, game-account sellers: "加QQ/飞机详谈"). */
export const INVEST_APP_TYPES = ['fake_investment', 'online_romance'];
export const CHAT_APP_TYPES = ['brushing_rebate', 'fake_shopping', 'game_trade'];

/** Telegram, 蝙蝠, Skype…: by package or display name (config riskyApps.chatApps). */
export function isRiskyChatApp(
  cfg: { riskyApps: { chatApps: readonly string[] } },
  name: string,
  pkg: string | undefined,
): boolean {
  const list = cfg.riskyApps.chatApps;
  return list.includes(name) || (pkg !== undefined && list.includes(lowerCase(pkg)));
}

/** An app whose name reads like a trading/investment platform and whose package is not a licensed one (config
 * list or an allow-listed indicator). The name alone is weak: licensed brokers use the same words. */
export function isInvestLookalike(
  cfg: { riskyApps: { investWords: readonly string[]; licensedPackages: readonly string[] } },
  name: string,
  pkg: string | undefined,
  ind: { allowed(kind: 'app_package', v: string): boolean },
): boolean {
  const c = cfg.riskyApps;
  const p = pkg !== undefined ? lowerCase(pkg) : undefined;
  if (p && (c.licensedPackages.includes(p) || ind.allowed('app_package', p))) return false;
  const lower = lowerCase(name);
  let words = lowerWords.get(c.investWords);
  if (!words) lowerWords.set(c.investWords, (words = c.investWords.map((w) => w.toLowerCase())));
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}

/** investWords lower-cased once per configuration, not once per app event */
const lowerWords = new WeakMap<readonly string[], string[]>();

let in1 = '',
  out1 = '',
  in2 = '',
  out2 = '';
/** `s.toLowerCase()`, remembered for the last two strings: one app event's package and name are lower-cased by
 *  several rules and the state update, and each call would build a new string. */
export function lowerCase(s: string): string {
  if (s === in1) return out1;
  if (s === in2) return out2;
  in2 = in1;
  out2 = out1;
  in1 = s;
  out1 = s.toLowerCase();
  return out1;
}

/** "我是你们王总" / "我是你领导" / "我是张老师": the claimed identity, or null. Only "我是…" within a few
 * characters of a title counts, so "我是顺丰快递员" or a title elsewhere in the text does not. */
export function claimedTitle(text: string, titles: readonly string[]): string | null {
  for (let i = text.indexOf('我是'); i >= 0; i = text.indexOf('我是', i + 2)) {
    const window = text.slice(i + 2, i + 9);
    for (const t of titles) {
      const j = window.indexOf(t);
      if (j >= 0 && j <= 4) return window.slice(0, j + t.length).replace(/^(你们?的?|您的?)/, '');
    }
  }
  return null;
}
