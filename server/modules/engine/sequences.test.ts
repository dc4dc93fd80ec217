// Sequences across channels (issue 15): a suspicious contact of any kind, then money leaving, scored by the
// strength of each side. The two stories of the issue (seeds 001 and 004, in our own words) and controls that
// have one side only, or both sides weak.
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, createEngine } from './engine.ts';
import { at, install, parcel, sms, tx } from './testing/events.ts';
import type { Decision } from './types.ts';

const level = (d: Decision) => d.warning?.level ?? null;

describe('seed 001: dating site → unknown "investment" app → virtual-number SMS "frozen, top up to unfreeze" → counter cash', () => {
  it('reaches 高, typed 虚假网络投资理财, the cash tied to the contacts before it (without the sequence rule: not 高)', () => {
    const without = createEngine({ rules: BUILTIN_RULES.filter((r) => r.id !== 'contact_then_money') });
    const e = createEngine();
    const who = { phone: '13907780001', account: '6222020000000101' };
    const evs = [
      install({ at: at(0), phone: who.phone }, '陌陌', 'com.immomo.momo'),
      install({ at: at(3 * 24 * 60), phone: who.phone }, '鑫汇国际', 'com.xinhui.app'),
      sms(
        { at: at(4 * 24 * 60), phone: who.phone },
        '17012345678',
        '您的账户因操作失误被冻结，需充值8万元解冻后方可提现',
      ),
      tx({ at: at(4 * 24 * 60 + 120), ...who }, 'withdrawal', 'out', 80_000, { channel: 'counter' }),
    ];
    const ds = evs.map((x) => e.decide(x));
    const last = ds.at(-1)!;
    expect(level(last)).toBe('high');
    expect(level(evs.map((x) => without.decide(x)).at(-1)!)).not.toBe('high');
    expect(last.warning!.fraudTypes[0]!.code).toBe('fake_investment');
    const seq = last.hits.find((h) => h.ruleId === 'contact_then_money')!;
    expect(seq.reason).toContain('柜台取现8万元');
    expect(seq.eventIds).toEqual(expect.arrayContaining([ds[1]!.eventId, ds[2]!.eventId, last.eventId]));
  });
});

describe('seed 004: parcel with a refund flyer and QR code → SMS "download the app, refund by buying a fund" → app → ¥3,000 then ¥50,000', () => {
  it('reaches at least 中', () => {
    const e = createEngine();
    const who = { phone: '13907780002', account: '6222020000000102' };
    e.decide(parcel({ at: at(0), phone: who.phone }, '课程退费宣传单，附二维码'));
    e.decide(
      sms(
        { at: at(60), phone: who.phone },
        '10690001234',
        '您购买的网课可以办理退费，请下载APP，按老师指导购买基金即可领取退款',
      ),
    );
    e.decide(install({ at: at(90), phone: who.phone }, '财富通', 'com.caifutong.app'));
    e.decide(
      tx({ at: at(150), ...who }, 'transfer', 'out', 3_000, { peerAccount: '6230000000001001', peerName: '刘建军' }),
    );
    const d = e.decide(
      tx({ at: at(200), ...who }, 'transfer', 'out', 50_000, { peerAccount: '6230000000001002', peerName: '周海' }),
    );
    expect(['medium', 'high']).toContain(level(d));
  });
});

describe('controls', () => {
  it('bank notices and a verification code, then paying a new person: nothing', () => {
    const e = createEngine();
    const who = { phone: '13907780003', account: '6222020000000103' };
    const ds = [
      e.decide(
        sms(
          { at: at(0), phone: who.phone },
          '95588',
          '【工商银行】您尾号0103的账户支出人民币500.00元，余额12030.55元。',
        ),
      ),
      e.decide(
        sms({ at: at(5), phone: who.phone }, '1069000', '【支付宝】验证码382910，5分钟内有效，请勿泄露给他人。'),
      ),
      e.decide(
        tx({ at: at(60), ...who }, 'transfer', 'out', 20_000, { peerAccount: '6230000000002001', peerName: '王丽' }),
      ),
    ];
    expect(ds.map((d) => d.action)).toEqual(['none', 'none', 'none']);
  });

  it('ordinary notices with links, codes, refunds and bills, from service numbers and 1069 senders: never warned', () => {
    const e = createEngine();
    const who = { phone: '13907780007', account: '6222020000000107' };
    const texts = [
      '【京东】您的售后申请已通过，退款88元将原路返回，请留意。',
      '【支付宝】校验码739102，您正在修改密码，切勿告知他人。',
      '【美团】红包已到账，满30减15，点击 https://i.meituan.com 下单。',
      '【中通快递】您的包裹已到驿站，凭取件码5-3-2211领取。',
      '【招商银行】您尾号1234的信用卡账单已出，可在掌上生活APP还款。',
      '【淘宝】您申请的退款已到账，金额59.90元，详情见 https://m.tb.cn/h.5xYz',
      '【12306】您购买的G1234次车票已退票，退款156.5元将在1-7个工作日原路退回。',
      '【中国移动】您的验证码是482913，用于登录中国移动APP，5分钟内有效。',
    ];
    const ds = texts.map((text, i) =>
      e.decide(sms({ at: at(i), phone: who.phone }, i % 2 ? '10690000' + i : '95555', text)),
    );
    expect(ds.map((d) => d.action)).toEqual(texts.map(() => 'none'));
    expect(ds.flatMap((d) => d.hits)).toEqual([]);
  });

  it('a chat app, then a small payment to a new person: below the floor', () => {
    const e = createEngine();
    const who = { phone: '13907780004', account: '6222020000000104' };
    e.decide(install({ at: at(0), phone: who.phone }, 'Telegram', 'org.telegram.messenger'));
    const d = e.decide(
      tx({ at: at(600), ...who }, 'transfer', 'out', 800, { peerAccount: '6230000000003001', peerName: '李明' }),
    );
    expect(d.hits.map((h) => h.ruleId)).not.toContain('contact_then_money');
    expect(level(d)).not.toMatch(/medium|high/); // app_then_transfer notes it at 低 at most
  });

  it('a script SMS, then money only after the window: no sequence hit', () => {
    const e = createEngine();
    const who = { phone: '13907780005', account: '6222020000000105' };
    e.decide(
      sms({ at: at(0), phone: who.phone }, '17012345678', '您的账户因操作失误被冻结，需充值8万元解冻后方可提现'),
    );
    const d = e.decide(tx({ at: at(10 * 24 * 60), ...who }, 'withdrawal', 'out', 80_000, { channel: 'counter' }));
    expect(d.hits.map((h) => h.ruleId)).not.toContain('contact_then_money');
  });

  it('the strength of both sides sets the score: stronger contact or more money scores more', () => {
    const score = (text: string, amount: number) => {
      const e = createEngine();
      const who = { phone: '13907780006', account: '6222020000000106' };
      e.decide(install({ at: at(0), phone: who.phone }, 'Telegram', 'org.telegram.messenger'));
      if (text) e.decide(sms({ at: at(10), phone: who.phone }, '17012345678', text));
      const d = e.decide(tx({ at: at(60), ...who }, 'withdrawal', 'out', amount, { channel: 'atm' }));
      return d.hits.find((h) => h.ruleId === 'contact_then_money')?.score ?? 0;
    };
    const script = '您的账户因操作失误被冻结，需充值8万元解冻后方可提现';
    expect(score(script, 50_000)).toBeGreaterThan(score('', 50_000));
    expect(score(script, 50_000)).toBeGreaterThan(score(script, 5_000));
  });
});
