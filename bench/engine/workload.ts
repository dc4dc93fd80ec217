// Synthetic but realistic load for the engine bench: a million indicators and a time-ordered event mix,
// mostly benign (calls, payments, salary, browsing), with a few percent of fraud-shaped traffic.
import type { IndicatorStore } from '../../server/modules/engine/index.ts';
import type { TypedEvent } from '../../server/modules/engine/index.ts';

/** Deterministic PRNG (mulberry32) so every run measures the same events. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const listedPhone = (i: number) => String(17_000_000_000 + i * 7);
export const listedAccount = (i: number) => String(6_230_000_000_000_000 + i * 13);
export const listedDomain = (i: number) => `fx${i.toString(36)}-win.top`;
export const listedApp = (i: number) => `com.fake${i.toString(36)}.trade`;

/** Loads `n` indicators spread over the kinds like a real national list (mostly numbers and accounts). */
export function loadIndicators(store: IndicatorStore, n: number, offset = 0): void {
  const kinds = [
    'phone',
    'phone',
    'phone',
    'phone',
    'phone',
    'phone',
    'account',
    'account',
    'account',
    'domain',
  ] as const;
  for (let i = offset; i < offset + n; i++) {
    const kind = kinds[i % 10]!;
    const k = Math.floor(i / 10);
    const value =
      kind === 'phone'
        ? listedPhone(i)
        : kind === 'account'
          ? listedAccount(i)
          : i % 20 === 9
            ? listedApp(k)
            : listedDomain(k);
    store.add({
      kind: kind === 'domain' && i % 20 === 9 ? 'app_package' : kind,
      value,
      source: i % 3 ? 'nafc' : 'province',
      reason: i % 2 ? '涉案号码' : '群众举报',
      confidence: 70 + (i % 30),
    });
  }
  for (const v of ['95588', '95533', '95599', '96110', '10086', '10010'])
    store.add({ kind: 'phone', value: v, list: 'allow', reason: '官方服务号码' });
  for (const v of ['baidu.com', 'qq.com', 'taobao.com', 'jd.com', 'gov.cn'])
    store.add({ kind: 'domain', value: v, list: 'allow' });
  for (let i = 0; i < 200; i++) store.add({ kind: 'keyword', value: `黑名单词${i}号` });
}

const BENIGN_SMS = [
  '您的快递已到驿站，请凭取件码取件',
  '【工商银行】您尾号1234卡工资收入12000元',
  '周末一起吃饭吗',
  '您本月话费账单已出',
  '验证码123456，5分钟内有效',
];
const FRAUD_SMS = [
  '您涉嫌洗钱，请配合资金清查，转入安全账户',
  '刷单返利，做任务日赚300，垫付后返佣金',
  '您的校园贷未注销将影响征信，请联系客服',
  '百万保障服务即将扣费，请开启屏幕共享关闭服务',
];
const DOMAINS = [
  'https://www.baidu.com/s?wd=天气',
  'https://m.taobao.com/item',
  'https://news.qq.com/a/1',
  'https://www.gov.cn/',
];

/** `n` events over `subjects` people, time-ordered, starting at `t0` (epoch ms), ~`fraudRate` fraud-shaped. */
export function makeEvents(
  n: number,
  subjects: number,
  fraudRate = 0.05,
  seed = 42,
  t0 = Date.UTC(2026, 5, 1),
): TypedEvent[] {
  const r = rng(seed);
  const out: TypedEvent[] = new Array(n);
  let t = t0;
  for (let i = 0; i < n; i++) {
    t += Math.floor(r() * 200); // ~ 10 events/s per province slice
    const s = Math.floor(r() * subjects);
    const phone = String(13_800_000_000 + s);
    const account = String(6_222_000_000_000_000 + s);
    const common = { id: `b${i}`, source: 'bench.src', occurredAt: new Date(t).toISOString() };
    const x = r();
    const fraud = r() < fraudRate;
    let e: TypedEvent;
    if (x < 0.35) {
      const peer = fraud
        ? r() < 0.5
          ? listedPhone(Math.floor(r() * 100_000) * 10)
          : '00' + (852_0000_0000 + s)
        : r() < 0.1
          ? '95588'
          : String(13_900_000_000 + Math.floor(r() * 1e6));
      e = {
        ...common,
        subject: { phone },
        type: 'call',
        peer,
        direction: 'in',
        durationSec: Math.floor(r() * (fraud ? 3600 : 400)),
        result: r() < 0.8 ? 'answered' : 'missed',
      };
    } else if (x < 0.5) {
      e = {
        ...common,
        subject: { phone },
        type: 'sms',
        peer: '1069' + Math.floor(r() * 1e4),
        direction: 'in',
        text: (fraud ? FRAUD_SMS : BENIGN_SMS)[Math.floor(r() * 4)]!,
      };
    } else if (x < 0.78) {
      const kind = fraud
        ? (['loan', 'withdrawal', 'transfer'] as const)[Math.floor(r() * 3)]!
        : (['payment', 'payment', 'payment', 'deposit', 'transfer'] as const)[Math.floor(r() * 5)]!;
      const amount =
        kind === 'payment'
          ? 5 + Math.floor(r() * 500)
          : fraud
            ? 10_000 + Math.floor(r() * 90_000)
            : 100 + Math.floor(r() * 5000);
      const peerAccount =
        fraud && r() < 0.3
          ? listedAccount(Math.floor(r() * 100_000) * 10 + 6)
          : String(6_210_000_000_000 + Math.floor(r() * (fraud ? 1e9 : 5000)));
      e = {
        ...common,
        subject: r() < 0.5 ? { phone, account } : { account },
        type: 'transaction',
        account,
        kind,
        channel: 'mobile',
        direction: kind === 'deposit' || kind === 'loan' ? 'in' : 'out',
        amount,
        ...(kind === 'withdrawal' ? {} : { peerAccount }),
      };
    } else if (x < 0.9) {
      e = {
        ...common,
        subject: { phone },
        type: 'url_visit',
        url: fraud ? `https://m.${listedDomain(Math.floor(r() * 50_000))}/login` : DOMAINS[Math.floor(r() * 4)]!,
      };
    } else if (x < 0.96) {
      const pkg = fraud
        ? listedApp(Math.floor(r() * 50_000) * 2)
        : ['com.tencent.mm', 'com.eg.android.AlipayGphone', 'com.ss.android.ugc.aweme'][Math.floor(r() * 3)]!;
      e = { ...common, subject: { phone }, type: 'app_install', appName: 'app', package: pkg };
    } else if (x < 0.98) {
      e = {
        ...common,
        subject: { phone, idNumber: `4527231990${String(s).padStart(8, '0')}`.slice(0, 18) },
        type: 'alert',
        partnerKind: 'bank',
        unit: '某网点',
        note: fraud ? '客户坚持大额转账，疑似投资理财诈骗' : '客户咨询业务',
        amount: fraud ? 300_000 : 1000,
      };
    } else if (x < 0.99) {
      e = {
        ...common,
        subject: { phone },
        type: 'parcel',
        contents: fraud ? '银行卡10张 二维码宣传单' : '衣物',
        note: '',
      };
    } else {
      e = {
        ...common,
        subject: { phone },
        type: 'report',
        text: fraud ? '对方自称公安局民警，说我涉嫌洗钱要资金清查' : '咨询如何下载国家反诈中心App',
        peers: [String(13_900_000_000 + s)],
      };
    }
    out[i] = e;
  }
  return out;
}
