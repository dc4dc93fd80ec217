// Everyday, honest traffic — including the look-alikes of fraud signals that cause false alarms
// (calls from relatives abroad, 95xxx bank calls, verification codes, work screen-sharing apps, big legit
// transfers, loans, elderly counter withdrawals, bank cards arriving by post, virtual-operator SIMs).
import { Rng } from './prng.ts';
import { BACKGROUND_RATES as R, BANKS, GIVEN, SURNAMES } from './distributions.ts';
import { appInstall, bankAlert, call, parcel, sms, tx, urlVisit, type Timed } from './emit.ts';
import { bankCard, landline, mobile, pickBank, pickCarrier } from './ids.ts';
import { CHAT_APPS, DATING_APPS } from './gangs.ts';
import type { Person } from './population.ts';

const HOUR = 3600_000;
// Activity by hour of day (~): quiet at night, peaks at noon and evening.
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.5, 2, 5, 8, 9, 9, 9, 10, 8, 8, 9, 9, 9, 10, 11, 11, 9, 6, 3];
// cumulative table: this is the hottest function of the generator (one call per background event)
const HOUR_CUM: number[] = [];
{
  const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const w of HOUR_WEIGHTS) HOUR_CUM.push((acc += w / total));
}
export function timeOfDay(rng: Rng, dayStart: number): number {
  const r = rng.next();
  let h = 0;
  while (h < 23 && r >= (HOUR_CUM[h] as number)) h++;
  return dayStart + h * HOUR + Math.floor(rng.next() * HOUR);
}

export const BIG_DOMAINS = [
  'www.baidu.com',
  'm.taobao.com',
  'item.jd.com',
  'mobile.yangkeduo.com',
  'www.douyin.com',
  'www.bilibili.com',
  'weixin.qq.com',
  'news.qq.com',
  'www.12306.cn',
  'www.gov.cn',
  'www.icbc.com.cn',
  'www.ccb.com',
  'www.10086.cn',
  'www.zhihu.com',
  'www.meituan.com',
  'gx.gov.cn',
  'www.hechi.gov.cn',
  'www.chsi.com.cn',
];
export const COMMON_APPS = [
  ['微信', 'com.tencent.mm'],
  ['支付宝', 'com.eg.android.AlipayGphone'],
  ['抖音', 'com.ss.android.ugc.aweme'],
  ['淘宝', 'com.taobao.taobao'],
  ['拼多多', 'com.xunmeng.pinduoduo'],
  ['美团', 'com.sankuai.meituan'],
  ['京东', 'com.jingdong.app.mall'],
  ['快手', 'com.smile.gifmaker'],
  ['国家反诈中心', 'com.hicorenational.antifraud'],
  ['QQ', 'com.tencent.mobileqq'],
  ['高德地图', 'com.autonavi.minimap'],
  ['中国建设银行', 'com.chinamworld.main'],
] as const;
/** Meeting / remote-desktop apps: the screen-sharing signal of fraud scripts, and ordinary work tools. */
export const SCREEN_SHARE_APPS = [
  ['腾讯会议', 'com.tencent.wemeet.app'],
  ['钉钉', 'com.alibaba.android.rimet'],
  ['飞书', 'com.ss.android.lark'],
  ['ZOOM', 'us.zoom.videomeetings'],
  ['向日葵远程控制', 'com.oray.sunlogin'],
  ['ToDesk', 'youqu.android.todesk'],
] as const;
/** Licensed broker / fund apps (some on the engine's licensed list, some not: a centre's list is never complete). */
export const TRADING_APPS = [
  ['同花顺', 'com.hexin.plugin.competition'],
  ['东方财富', 'com.eastmoney.android.berlin'],
  ['雪球', 'com.xueqiu.android'],
  ['招商证券', 'com.cmschina.stock'],
  ['国金证券', 'com.gjzq.yjb2'],
  ['中金财富', 'com.cicc.wealth'],
  ['平安证券', 'com.pingan.pastock'],
  ['汇丰中国', 'cn.com.hsbc.hsbcchina'],
] as const;
export const CRYPTO_APPS = [
  ['币安', 'com.binance.dev'],
  ['欧易OKX', 'com.okinc.okex.gp'],
  ['Bitget', 'com.bitget.exchange'],
] as const;
const OPERATOR_PORT: Record<string, string> = { cmcc: '10086', unicom: '10010', ctcc: '10000' };
const COURIERS = ['sf', 'zto', 'yto', 'sto', 'jd', 'ems'];
const MERCHANTS = [
  '河池市金城江区便民超市',
  '美团外卖',
  '中国石化加油站',
  '华润万家',
  '拼多多平台商户',
  '京东商城',
  '河池市人民医院',
];

/** Background events of one person on one day, appended to `out`. */
export function personDay(rng: Rng, p: Person, dayStart: number, dayOfMonth: number, out: Timed[]): void {
  const acct = p.accounts[0]!;
  const bank = BANKS.find((b) => b.code === acct.bank)!;
  for (let n = rng.poisson(R.callsPerDay); n > 0; n--) {
    const t = timeOfDay(rng, dayStart);
    const r = rng.next();
    if (p.abroadNumbers && rng.chance(R.abroadRelativeCallShare)) {
      // relatives abroad call home, and are called back: an "international call" that is not fraud
      out.push(
        call(
          t,
          p,
          rng.pick(p.abroadNumbers),
          rng.chance(R.abroadRelativeCallOutShare) ? 'out' : 'in',
          rng.logUniform(60, 3600),
        ),
      );
    } else if (r < R.bankServiceCallShare) {
      out.push(call(t, p, rng.pick(BANKS).service, rng.chance(0.7) ? 'in' : 'out', rng.logUniform(30, 600)));
    } else if (r < 0.12) {
      out.push(call(t, p, mobile(rng, pickCarrier(rng)), 'in', rng.logUniform(10, 90))); // courier / delivery
    } else if (r < 0.16) {
      out.push(call(t, p, mobile(rng, pickCarrier(rng)), rng.chance(0.5) ? 'in' : 'out', rng.logUniform(1200, 7200))); // long family call
    } else if (r < 0.2) {
      out.push(call(t, p, landline(rng), 'in', rng.logUniform(20, 300), rng.chance(0.3) ? 'missed' : 'answered'));
    } else {
      const result = rng.chance(0.12) ? rng.pick(['missed', 'rejected', 'busy'] as const) : 'answered';
      out.push(
        call(
          t,
          p,
          mobile(rng, pickCarrier(rng), rng.chance(0.02)),
          rng.chance(0.5) ? 'in' : 'out',
          rng.logUniform(15, 900),
          result,
        ),
      );
    }
  }
  for (let n = rng.poisson(R.smsPerDay); n > 0; n--) {
    const t = timeOfDay(rng, dayStart);
    const r = rng.next();
    const tail = acct.card.slice(-4);
    if (r < 0.3) {
      out.push(
        sms(
          t,
          p,
          OPERATOR_PORT[p.carrier] ?? '10086',
          '【运营商】尊敬的客户，您本月套餐内流量已使用80%，回复KT办理加油包，详询客服。',
        ),
      );
    } else if (r < 0.55) {
      const amt = rng.logUniform(5, 3000).toFixed(2);
      out.push(
        sms(
          t,
          p,
          bank.service,
          `【${bank.name}】您尾号${tail}的账户${rng.chance(0.7) ? '支出' : '收入'}人民币${amt}元，余额${rng.logUniform(100, 80000).toFixed(2)}元。`,
        ),
      );
    } else if (r < 0.8) {
      // verification codes: "验证码…请勿泄露" is also the vocabulary of fraud scripts
      out.push(
        sms(
          t,
          p,
          `106${rng.digits(rng.int(5, 9))}`,
          `【${rng.pick(['支付宝', '京东', '美团', '抖音', '12306'])}】验证码${rng.digits(6)}，5分钟内有效，请勿泄露给他人。`,
        ),
      );
    } else if (r < 0.83) {
      // honest look-alikes of fraud vocabulary: refunds and claims really happen
      out.push(
        sms(
          t,
          p,
          `106${rng.digits(8)}`,
          rng.pick([
            '【淘宝】您的退款申请商家已同意，退款将原路退回，请注意查收。',
            '【顺丰速运】您的快件已签收，如有破损可在小程序申请理赔。',
            '【京东】您的订单已发货，如需退款请在APP内操作，客服不会索要验证码。',
          ]),
        ),
      );
    } else if (r < 0.93) {
      out.push(
        sms(
          t,
          p,
          `106${rng.digits(8)}`,
          `【菜鸟驿站】您的快递已到站，取件码${rng.int(1, 9)}-${rng.int(1, 9)}-${rng.digits(4)}。`,
        ),
      );
    } else {
      out.push(
        sms(
          t,
          p,
          `106${rng.digits(8)}`,
          '【拼多多】您有一张20元无门槛券即将到期，点击 https://mobile.yangkeduo.com/coupon 领取，退订回T',
        ),
      );
    }
  }
  for (let n = rng.poisson(R.urlVisitsPerDay); n > 0; n--) {
    out.push(urlVisit(timeOfDay(rng, dayStart), p, `https://${rng.pick(BIG_DOMAINS)}/${rng.letters(6)}`));
  }
  if (rng.chance(R.appInstallsPerDay)) {
    const [name, pkg] = rng.pick(COMMON_APPS);
    out.push(appInstall(timeOfDay(rng, dayStart), p, name, pkg));
  }
  if (rng.chance(R.chatOrDatingInstallPerDay)) {
    // honest people install chat and dating apps too: the same apps fraud scripts steer victims to
    const [name, pkg] = rng.pick(
      (p.age < 45 && rng.chance(0.4) ? DATING_APPS : CHAT_APPS) as readonly (readonly [string, string])[],
    );
    out.push(appInstall(timeOfDay(rng, dayStart), p, name, pkg));
  }
  if (
    (p.occupation === 'office' ||
      p.occupation === 'teacher' ||
      p.occupation === 'civil_servant' ||
      p.occupation === 'finance') &&
    rng.chance(R.workScreenShareInstallPerDay * 5)
  ) {
    const [name, pkg] = rng.pick(SCREEN_SHARE_APPS);
    out.push(appInstall(timeOfDay(rng, dayStart), p, name, pkg));
  } else if (rng.chance(R.workScreenShareInstallPerDay / 4)) {
    const [name, pkg] = rng.pick(SCREEN_SHARE_APPS); // online class, family tech support
    out.push(appInstall(timeOfDay(rng, dayStart), p, name, pkg));
  }
  for (let n = rng.poisson(R.paymentsPerDay); n > 0; n--) {
    out.push(
      tx(timeOfDay(rng, dayStart), p, {
        account: rng.pick(p.accounts),
        kind: 'payment',
        channel: rng.chance(0.8) ? 'mobile' : 'pos',
        direction: 'out',
        amount: rng.logUniform(5, 800),
        peerName: rng.pick(MERCHANTS),
      }),
    );
  }
  if (p.age >= 18 && rng.chance(R.p2pTransferPerDay)) {
    // family, friends, a private seller or worker: a transfer to a private person; sometimes someone new
    const t = timeOfDay(rng, dayStart);
    const peer = rng.chance(R.p2pNewPayeeShare) ? privatePerson(rng) : regularContacts(p)[rng.int(0, 2)]!;
    out.push(
      tx(t, p, {
        account: acct,
        kind: 'transfer',
        channel: 'mobile',
        direction: 'out',
        amount: rng.logUniform(100, 5000),
        peerAccount: peer.card,
        peerName: peer.name,
        peerBank: peer.bankName,
      }),
    );
  }
  if (p.age >= 22 && rng.chance(R.tradingAppInstallPerDay)) {
    const t = timeOfDay(rng, dayStart);
    const [name, pkg] = rng.pick(TRADING_APPS);
    out.push(appInstall(t, p, name, pkg));
    if (rng.chance(0.5)) {
      // 银证转账: to one's own account at the broker — an organisation, never a private person
      out.push(
        tx(t + rng.int(10, 600) * 60_000, p, {
          account: acct,
          kind: 'transfer',
          channel: 'mobile',
          direction: 'out',
          amount: rng.int(1, 50) * 1000,
          peerAccount: bankCard(rng, pickBank(rng)),
          peerName: `${name.replace(/中国$/, '')}证券股份有限公司客户资金账户`,
        }),
      );
    }
  }
  if (p.age >= 20 && p.age < 45 && rng.chance(R.cryptoAppInstallPerDay)) {
    // crypto: the chat group first (often Telegram), then the exchange app, then USDT bought from a private "U商"
    let t = timeOfDay(rng, dayStart);
    if (rng.chance(0.5)) out.push(appInstall(t - rng.int(1, 72) * HOUR, p, 'Telegram', 'org.telegram.messenger'));
    const [name, pkg] = rng.pick(CRYPTO_APPS);
    out.push(appInstall(t, p, name, pkg));
    if (rng.chance(R.cryptoOtcShare)) {
      t += rng.int(1, 12) * HOUR;
      const seller = privatePerson(rng);
      out.push(
        tx(t, p, {
          account: acct,
          kind: 'transfer',
          channel: 'mobile',
          direction: 'out',
          amount: rng.int(1, 20) * 1000,
          peerAccount: seller.card,
          peerName: seller.name,
          peerBank: seller.bankName,
        }),
      );
    }
  }
  if (rng.chance(R.atmPerDay)) {
    out.push(
      tx(timeOfDay(rng, dayStart), p, {
        account: acct,
        kind: 'withdrawal',
        channel: 'atm',
        direction: 'out',
        amount: rng.int(1, 30) * 100,
      }),
    );
  }
  monthly(rng, p, dayStart, dayOfMonth, out);
  rare(rng, p, dayStart, out);
}

interface PrivatePerson {
  card: string;
  name: string;
  bankName: string;
}
function privatePerson(rng: Rng): PrivatePerson {
  const bank = pickBank(rng);
  return {
    card: bankCard(rng, bank),
    name: rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : ''),
    bankName: BANKS.find((b) => b.code === bank)!.name,
  };
}
/** The three people one pays by bank transfer over and over (parents, a sibling, a friend): fixed per person. */
function regularContacts(p: Person): PrivatePerson[] {
  const r = Rng.derive(p.index, 'p2p-contacts', p.idNumber);
  return [privatePerson(r), privatePerson(r), privatePerson(r)];
}

function monthly(rng: Rng, p: Person, dayStart: number, dayOfMonth: number, out: Timed[]): void {
  const acct = p.accounts[0]!;
  const payday = 5 + (p.index % 3) * 5; // 5th, 10th or 15th
  if (p.income > 0 && dayOfMonth === payday) {
    const employer = p.occupation === 'retired' ? '广西壮族自治区社会保险事业局' : '河池市某某有限公司';
    out.push(
      tx(dayStart + 10 * HOUR + rng.int(0, 3 * HOUR), p, {
        account: acct,
        kind: 'deposit',
        channel: 'online',
        direction: 'in',
        amount: p.income,
        peerName: employer,
        peerAccount: bankCard(rng, 'icbc'),
      }),
    );
  }
  if (dayOfMonth === 1 && p.index % 10 < 3) {
    // rent to a landlord's personal card: a transfer to a private person, every month
    out.push(
      tx(timeOfDay(rng, dayStart), p, {
        account: acct,
        kind: 'transfer',
        channel: 'mobile',
        direction: 'out',
        amount: 500 + (p.index % 11) * 100,
        peerAccount: `6228480${String(p.index).padStart(11, '0')}`.slice(0, 19),
        peerName: '房东',
      }),
    );
  }
}

function rare(rng: Rng, p: Person, dayStart: number, out: Timed[]): void {
  const acct = p.accounts[0]!;
  if (p.age >= 22 && rng.chance(R.largeTransferPerDay)) {
    // buying a car / paying a house deposit: a large first payment to a stranger, done at the counter or online
    const t = timeOfDay(rng, dayStart);
    const amount = rng.logUniform(30_000, 300_000);
    const peerBank = pickBank(rng);
    out.push(
      tx(t, p, {
        account: acct,
        kind: 'transfer',
        channel: rng.chance(0.5) ? 'counter' : 'online',
        direction: 'out',
        amount,
        peerAccount: bankCard(rng, peerBank),
        peerName: rng.pick(['河池市某汽车销售服务有限公司', '某置业有限公司', '个人']),
      }),
    );
  }
  if (p.age >= 60 && rng.chance(R.largeTransferPerDay)) {
    // an elderly customer withdraws cash at the counter for a renovation; the teller asks and alerts — a false alarm
    const t = timeOfDay(rng, dayStart);
    const amount = rng.int(5, 20) * 10_000;
    out.push(tx(t, p, { account: acct, kind: 'withdrawal', channel: 'counter', direction: 'out', amount }));
    if (rng.chance(0.3))
      out.push(
        bankAlert(
          t + 60_000,
          p,
          acct.bank,
          `${BANKS.find((b) => b.code === acct.bank)!.name}河池分行营业部`,
          '老年客户柜面大额取现，称用于装修，已提示风险',
          amount,
        ),
      );
  }
  if (p.age >= 22 && rng.chance(R.loanPerDay)) {
    // a legitimate consumer loan, spent soon after: "loan then transfer out" without fraud
    const t = timeOfDay(rng, dayStart);
    const amount = rng.int(2, 20) * 10_000;
    out.push(
      tx(t, p, {
        account: acct,
        kind: 'loan',
        channel: 'mobile',
        direction: 'in',
        amount,
        peerName: `${BANKS.find((b) => b.code === acct.bank)!.name}消费贷`,
      }),
    );
    out.push(
      tx(t + rng.int(1, 48) * HOUR, p, {
        account: acct,
        kind: 'transfer',
        channel: 'online',
        direction: 'out',
        amount: amount * 0.9,
        peerAccount: bankCard(rng, pickBank(rng)),
        peerName: '河池市某家居建材店',
      }),
    );
  }
  if (rng.chance(R.parcelsPerDay)) {
    const t = timeOfDay(rng, dayStart);
    if (rng.chance(0.01)) {
      out.push(parcel(t, p, 'ems', '银行卡(信用卡)', `${rng.pick(BANKS).name}信用卡中心`)); // a real bank mailing a card
    } else {
      out.push(
        parcel(
          t,
          p,
          rng.pick(COURIERS),
          rng.pick(['服装', '日用品', '食品', '手机配件', '书籍', '文件', '化妆品', '农资']),
        ),
      );
    }
  }
}
