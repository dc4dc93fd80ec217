// Engine configuration: thresholds, windows and weights as versioned, validated data (rules are code).
// A centre analyst edits it in the UI; every RuleHit records the `version` it was decided under.
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

const W = (d: string) => Type.Integer({ minimum: 0, maximum: 1000, description: d });
const Sec = (d: string) => Type.Integer({ minimum: 1, maximum: 30 * 86_400, description: d });
const Cny = (d: string) => Type.Number({ minimum: 0, maximum: 1e12, description: d });

export const EngineConfigSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    levels: Type.Object({ high: W('score for 高'), medium: W('score for 中'), low: W('score for 低') }),
    /** hits older than this (relative to the newest event) stop counting towards a subject's score */
    evidenceWindowSec: Sec('evidence window'),
    maxKeysPerSubject: Type.Integer({ minimum: 2, maximum: 1000 }),
    listedContact: Type.Object({
      weight: W('contact with a block-listed number'),
      answeredCallBonus: W('answered call bonus'),
    }),
    listedAccount: Type.Object({ weight: W('transfer to a block-listed account') }),
    foreignCall: Type.Object({
      minDurationSec: Sec('long call'),
      weightIntl: W('international'),
      weightSpoofed: W('spoofed domestic-looking'),
      weightVirtual: Type.Optional(W('virtual-operator segment, unknown number')),
      datingAppBonus: Type.Optional(W('a dating/chat app was installed in the days before')),
      datingAppWindowSec: Type.Optional(Sec('dating app counts within')),
      datingApps: Type.Optional(
        Type.Array(Type.String(), { maxItems: 200, description: 'dating / stranger-chat apps (names or packages)' }),
      ),
      knownAfterDays: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 365,
          description: 'a number in touch with the subject this long (or one the subject called) is a known contact',
        }),
      ),
    }),
    callThenTransfer: Type.Object({
      minCallSec: Sec('call counts from'),
      windowSec: Sec('call → transfer window'),
      minAmount: Cny('transfer from'),
      weight: W('weight'),
      suspiciousCallBonus: W('when the call was foreign/spoofed/listed'),
      laterWindowSec: Type.Optional(Sec('transfer to a new payee within this long after a suspicious call')),
      laterWeight: Type.Optional(W('weight of such a later transfer')),
    }),
    fraudUrl: Type.Object({ weight: W('visit of a listed URL/domain') }),
    fraudApp: Type.Object({ weight: W('listed app installed'), duringCallBonus: W('installed during/after a call') }),
    screenShare: Type.Object({
      packages: Type.Array(Type.String(), { maxItems: 200 }),
      names: Type.Array(Type.String(), { maxItems: 200 }),
      afterCallSec: Sec('install counts as during a call within'),
      weight: W('during a suspicious call'),
      weightAlone: W('without a call'),
      weightOrdinaryCall: Type.Optional(W('during an ordinary long call')),
    }),
    loans: Type.Object({
      windowSec: Sec('loan burst window'),
      minCount: Type.Integer({ minimum: 2, maximum: 50 }),
      weight: W('several loans'),
      cashoutWindowSec: Sec('loans → cash-out window'),
      cashoutWeight: W('loans then transfer/withdrawal'),
    }),
    withdrawals: Type.Object({
      windowSec: Sec('window'),
      minCount: Type.Integer({ minimum: 2, maximum: 100 }),
      minTotal: Cny('total from'),
      weight: W('weight'),
    }),
    newPayee: Type.Object({
      largeAmount: Cny('first transfer to a new payee from'),
      weight: W('weight'),
      organisationWeight: Type.Optional(
        W('…when the payee is an organisation (company, shop): mules are mostly private accounts'),
      ),
      escalationCount: Type.Integer({ minimum: 2, maximum: 50 }),
      escalationWindowSec: Sec('several new payees window'),
      escalationWeight: W('weight'),
    }),
    alert: Type.Object({
      bank: W('bank counter'),
      gold_shop: W('gold shop'),
      logistics: W('logistics'),
      telecom: W('telecom'),
      school: W('school'),
      community: W('community'),
      largeAmount: Cny('large amount from'),
      largeAmountBonus: W('bonus'),
    }),
    parcel: Type.Object({ weight: W('QR-code flyer / bank cards in a parcel') }),
    script: Type.Object({
      minPhrases: Type.Integer({ minimum: 1, maximum: 20 }),
      weightBase: W('weight at minPhrases'),
      weightPerExtra: W('per extra phrase'),
      weightMax: W('cap'),
      minProbability: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 99,
          description:
            'script classifier: % probability of the top type from which a text is a script (weightBase there, weightMax at 100%)',
        }),
      ),
    }),
    keyword: Type.Object({ weight: W('block-listed keyword in text') }),
    // Added in builtin-2. Optional so that configurations stored before keep validating; the engine fills
    // missing fields from DEFAULT_CONFIG (withDefaults).
    scriptThenTransfer: Type.Optional(
      Type.Object({
        windowSec: Sec('script text → transfer window'),
        minAmount: Cny('transfer from'),
        weight: W('weight'),
        personalBonus: W('payee is a private person'),
      }),
    ),
    impersonation: Type.Optional(
      Type.Object({
        titles: Type.Array(Type.String({ minLength: 1, maxLength: 8 }), { maxItems: 100 }),
        weight: W('unknown number claims to be a boss/acquaintance'),
        virtualBonus: W('from a virtual-operator number'),
      }),
    ),
    counterCash: Type.Optional(
      Type.Object({
        minAmount: Cny('counter withdrawal from'),
        afterCallSec: Sec('counts as during a call within'),
        weight: W('during a call'),
        suspiciousCallBonus: W('when the call was foreign/spoofed/listed'),
      }),
    ),
    // Added in builtin-3: high-risk apps (domain.md §3: "unknown app", "sideloaded trading app") without list entries.
    riskyApps: Type.Optional(
      Type.Object({
        chatApps: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
          maxItems: 200,
          description: 'chat apps fraudsters move victims to (names or packages)',
        }),
        investWords: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
          maxItems: 200,
          description: 'words in an app name that make it a trading/investment app',
        }),
        licensedPackages: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
          maxItems: 1000,
          description: 'packages of licensed brokers, banks, funds: never a look-alike',
        }),
        investWeight: W('trading-looking app not on the licensed list'),
        afterChatBonus: W('…installed within chatWindowSec after a risky chat app'),
        chatWindowSec: Sec('chat app → trading app window'),
        transferWindowSec: Sec('risky app → transfer window'),
        transferMinAmount: Cny('transfer from'),
        transferWeight: W('transfer to a new private payee soon after a risky app'),
      }),
    ),
    // Added in builtin-4: any suspicious contact, then money leaving, scored by the strength of each side.
    sequence: Type.Optional(
      Type.Object({
        windowSec: Sec('contact → money window'),
        weight: W('score when both sides are at full strength'),
        fullContactScore: W("contact strength 1 at this total of the contact event's own rule scores"),
        chatAppScore: W('a dating / stranger-chat / risky chat app install counts as a contact of this score'),
        minAmount: Cny('money side starts at this amount'),
        fullAmount: Cny('money side at full strength from this amount'),
        organisationFactor: Type.Number({
          minimum: 0,
          maximum: 1,
          description: 'payee is an organisation (company, shop)',
        }),
        unnamedFactor: Type.Number({ minimum: 0, maximum: 1, description: 'payee name unknown' }),
        loanFactor: Type.Number({ minimum: 0, maximum: 1, description: 'a loan paid in (money about to leave)' }),
        minScore: W('no hit below this score'),
      }),
    ),
  },
  { additionalProperties: false },
);

export type EngineConfig = Static<typeof EngineConfigSchema>;

const H = 3600;
export const DEFAULT_CONFIG: EngineConfig = {
  version: 'builtin-4',
  levels: { high: 80, medium: 50, low: 25 },
  evidenceWindowSec: 7 * 86_400,
  maxKeysPerSubject: 16,
  listedContact: { weight: 50, answeredCallBonus: 15 },
  listedAccount: { weight: 70 },
  // an international call alone is evidence, not a warning (relatives abroad); "+"/"00" on a domestic-looking
  // number is 低 on its own; either one with money moving, an app or script text adds up to 中/高
  foreignCall: {
    minDurationSec: 300,
    weightIntl: 20,
    weightSpoofed: 45,
    weightVirtual: 10,
    knownAfterDays: 14,
    datingAppBonus: 15,
    datingAppWindowSec: 14 * 24 * H,
    datingApps: [
      '探探',
      'Soul',
      '陌陌',
      'com.p1.mobile.putong',
      'cn.soulapp.android',
      'com.immomo.momo',
      'Tinder',
      'com.tinder',
    ],
  },
  callThenTransfer: {
    minCallSec: 180,
    windowSec: 2 * H,
    minAmount: 1000,
    weight: 20,
    suspiciousCallBonus: 45,
    laterWindowSec: 3 * 24 * H,
    laterWeight: 30,
  },
  fraudUrl: { weight: 45 },
  fraudApp: { weight: 50, duringCallBonus: 20 },
  screenShare: {
    packages: [
      'com.tencent.wemeet',
      'us.zoom.videomeetings',
      'com.ss.android.lark',
      'com.alibaba.android.rimet',
      'com.microsoft.teams',
      'com.teamviewer.quicksupport.market',
      'com.anydesk.anydeskandroid',
    ],
    names: ['腾讯会议', 'Zoom', '飞书会议', 'TeamViewer', 'AnyDesk', '向日葵', '屏幕共享'],
    afterCallSec: 3600,
    weight: 45,
    weightAlone: 5,
    weightOrdinaryCall: 20,
  },
  loans: { windowSec: 6 * H, minCount: 2, weight: 30, cashoutWindowSec: 24 * H, cashoutWeight: 35 },
  withdrawals: { windowSec: 48 * H, minCount: 3, minTotal: 20_000, weight: 35 },
  newPayee: {
    largeAmount: 50_000,
    weight: 20,
    organisationWeight: 10,
    escalationCount: 3,
    escalationWindowSec: 24 * H,
    escalationWeight: 30,
  },
  alert: {
    bank: 60,
    gold_shop: 60,
    logistics: 40,
    telecom: 50,
    school: 40,
    community: 40,
    largeAmount: 500_000,
    largeAmountBonus: 30,
  },
  parcel: { weight: 20 },
  script: { minPhrases: 2, weightBase: 30, weightPerExtra: 10, weightMax: 60, minProbability: 50 },
  keyword: { weight: 30 },
  scriptThenTransfer: { windowSec: 4 * 24 * H, minAmount: 100, weight: 35, personalBonus: 10 },
  impersonation: {
    titles: [
      '领导',
      '老板',
      '老师',
      '经理',
      '主任',
      '局长',
      '书记',
      '校长',
      '处长',
      '科长',
      '总',
      '董',
      '叔',
      '舅',
      '表哥',
      '老同学',
    ],
    weight: 30,
    virtualBonus: 10,
  },
  counterCash: { minAmount: 10_000, afterCallSec: 1800, weight: 40, suspiciousCallBonus: 30 },
  riskyApps: {
    // chat apps that fraud groups steer victims to (境外/加密聊天): honest people use them too, so an install
    // alone is no hit; a transfer to a new private payee within a day after one is
    chatApps: [
      'Telegram',
      'org.telegram.messenger',
      '蝙蝠',
      'com.bat.chat',
      'Skype',
      'com.skype.raider',
      'Potato',
      'org.potato.messenger',
      '与你',
      '事密达',
      'WhatsApp',
      'com.whatsapp',
      'Signal',
      'org.thoughtcrime.securesms',
    ],
    investWords: [
      '投资',
      '理财',
      '证券',
      '期货',
      '外汇',
      '国际',
      '财富',
      '金融',
      '交易所',
      '基金',
      '黄金',
      '贵金属',
      '数字货币',
      '币',
      'USDT',
      'MT4',
      'MT5',
      'Forex',
      'Trade',
      'Coin',
      'Crypto',
      'Capital',
      'Invest',
    ],
    // a short list of licensed brokers / fund apps; a centre extends it (or allow-lists packages as indicators)
    licensedPackages: [
      'com.hexin.plugin.competition',
      'com.eastmoney.android.berlin',
      'com.xueqiu.android',
      'com.cmschina.stock',
      'com.antfortune.wealth',
      'com.htsc.mobile',
      'com.gtja.junhong',
      'com.citics.mobile',
      'com.tencent.wealth',
      'com.jd.jrapp',
    ],
    investWeight: 15,
    afterChatBonus: 15,
    chatWindowSec: 7 * 24 * H,
    transferWindowSec: 24 * H,
    transferMinAmount: 100,
    transferWeight: 35,
  },
  sequence: {
    windowSec: 3 * 24 * H,
    weight: 60,
    fullContactScore: 60,
    chatAppScore: 15,
    minAmount: 500,
    fullAmount: 100_000,
    organisationFactor: 0.3,
    unnamedFactor: 0.8,
    loanFactor: 0.6,
    minScore: 12,
  },
};

type Full<T> = { [K in keyof T]-?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : Full<T[K]>) : T[K] };
/** A configuration with every optional (later-added) field filled in: what the rules read. */
export type EffectiveConfig = Full<EngineConfig>;

/** Fills fields added after a configuration was stored from DEFAULT_CONFIG (one level of sections deep). */
export function withDefaults(cfg: EngineConfig): EffectiveConfig {
  const out: Record<string, unknown> = { ...cfg };
  for (const [k, dv] of Object.entries(DEFAULT_CONFIG)) {
    const v = out[k];
    if (v === undefined) out[k] = dv;
    else if (dv && typeof dv === 'object' && !Array.isArray(dv) && typeof v === 'object') out[k] = { ...dv, ...v };
  }
  return out as EffectiveConfig;
}

const validator = Compile(EngineConfigSchema);

export interface ConfigFieldError {
  path: string;
  message: string;
}

/** Field-level errors for the UI (`/loans/minCount: must be >= 2`); empty when valid. */
export function validateConfig(cfg: unknown): ConfigFieldError[] {
  const errors: ConfigFieldError[] = [];
  if (!validator.Check(cfg)) {
    for (const e of validator.Errors(cfg)) errors.push({ path: e.instancePath || '/', message: e.message });
    return errors;
  }
  const c = cfg as EngineConfig;
  if (!(c.levels.high > c.levels.medium && c.levels.medium > c.levels.low && c.levels.low > 0)) {
    errors.push({ path: '/levels', message: 'must satisfy high > medium > low > 0' });
  }
  return errors;
}

/**
 * How long anything a rule looks back on stays relevant: the longest window of any rule (…WindowSec, …AfterSec,
 * …Days) and the evidence window. A subject idle for longer has no state any rule can use; the engine forgets it
 * (engine.ts), and the detection runtime replays exactly this much after a restart, so both agree.
 */
export function stateHorizonSec(cfg: EngineConfig): number {
  let max = cfg.evidenceWindowSec;
  const walk = (o: unknown, key = '') => {
    if (typeof o === 'number' && /(window|after\w*)sec$/i.test(key)) max = Math.max(max, o);
    else if (typeof o === 'number' && /days$/i.test(key)) max = Math.max(max, o * 86_400);
    else if (o && typeof o === 'object' && !Array.isArray(o)) for (const [k, v] of Object.entries(o)) walk(v, k);
  };
  walk(cfg);
  return max;
}
