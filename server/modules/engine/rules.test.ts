// Each built-in rule: fires at its threshold, stays silent just below it, and the allow-list wins.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG as C } from './config.ts';
import { createEngine } from './engine.ts';
import { IndicatorStore } from './indicators.ts';
import { alert, at, call, install, parcel, report, sms, tx, visit } from './testing/events.ts';
import type { TypedEvent } from './types.ts';

const P = '13912340000';
const A = '6222000000000001';
const me = (min: number) => ({ at: at(min), phone: P, account: A });

function run(events: TypedEvent[], setup?: (i: IndicatorStore) => void) {
  const ind = new IndicatorStore();
  setup?.(ind);
  const e = createEngine({ indicators: ind });
  return events.map((ev) => e.decide(ev));
}
const fired = (events: TypedEvent[], rule: string, setup?: (i: IndicatorStore) => void) =>
  run(events, setup)
    .at(-1)!
    .hits.some((h) => h.ruleId === rule);

describe('listed_contact', () => {
  const block = (i: IndicatorStore) => i.add({ kind: 'phone', value: '+86 171 0000 0001', reason: '涉案号码' });
  it('fires on a call with a block-listed number, written differently', () =>
    expect(fired([call(me(0), '17100000001', 30)], 'listed_contact', block)).toBe(true));
  it('fires on a report naming it', () =>
    expect(fired([report(me(0), '这个号码骗我', ['171-0000-0001'])], 'listed_contact', block)).toBe(true));
  it('is silent for other numbers', () =>
    expect(fired([call(me(0), '17100000002', 30)], 'listed_contact', block)).toBe(false));
  it('allow wins over block', () =>
    expect(
      fired([call(me(0), '17100000001', 30)], 'listed_contact', (i) => {
        block(i);
        i.add({ kind: 'phone', value: '17100000001', list: 'allow' });
      }),
    ).toBe(false));
  it('expired entries do not fire (time from the event)', () =>
    expect(
      fired([call(me(0), '17100000001', 30)], 'listed_contact', (i) =>
        i.add({ kind: 'phone', value: '17100000001', validUntil: Date.parse(at(-1)) }),
      ),
    ).toBe(false));
});

describe('foreign_call', () => {
  const min = C.foreignCall.minDurationSec;
  it('fires at the duration threshold', () =>
    expect(fired([call(me(0), '00447700900123', min)], 'foreign_call')).toBe(true));
  it('is silent one second below', () =>
    expect(fired([call(me(0), '00447700900123', min - 1)], 'foreign_call')).toBe(false));
  it('is silent for outgoing or missed calls', () => {
    expect(fired([call(me(0), '00447700900123', min, { direction: 'out' })], 'foreign_call')).toBe(false);
    expect(fired([call(me(0), '00447700900123', min, { result: 'missed' })], 'foreign_call')).toBe(false);
  });
  it('scores a spoofed domestic-looking number higher', () => {
    const spoof = run([call(me(0), '0096110', min)])[0]!.hits[0]!;
    const intl = run([call(me(0), '+447700900123', min)])[0]!.hits[0]!;
    expect(spoof.score).toBeGreaterThan(intl.score);
  });
  it('+86 mobile is domestic, not foreign', () =>
    expect(fired([call(me(0), '+8613812345678', 3600)], 'foreign_call')).toBe(false));
});

describe('call_then_transfer', () => {
  const c = C.callThenTransfer;
  const seq = (gapMin: number, amount: number, peer = '6230000000000009') => [
    call(me(0), '13700000000', c.minCallSec),
    tx(me(c.minCallSec / 60 + gapMin), 'transfer', 'out', amount, { peerAccount: peer }),
  ];
  it('fires inside the window', () =>
    expect(fired(seq(c.windowSec / 60, c.minAmount), 'call_then_transfer')).toBe(true));
  it('is silent after the window', () =>
    expect(fired(seq(c.windowSec / 60 + 1, c.minAmount), 'call_then_transfer')).toBe(false));
  it('is silent below the amount', () => expect(fired(seq(5, c.minAmount - 1), 'call_then_transfer')).toBe(false));
  it('is silent for a known payee', () => {
    const evs = [tx(me(-600), 'transfer', 'out', 10, { peerAccount: '6230000000000009' }), ...seq(5, 5000)];
    expect(fired(evs, 'call_then_transfer')).toBe(false);
  });
  it('alone (plain domestic call) stays below the warning threshold', () =>
    expect(run(seq(5, 5000)).at(-1)!.action).toBe('none'));
});

describe('fraud_url / fraud_app / screen_share_app', () => {
  it('fraud domain matches any URL on it; allow-listed domain never does', () => {
    const setup = (i: IndicatorStore) => i.add({ kind: 'domain', value: 'stock-win.top' });
    expect(fired([visit(me(0), 'https://m.stock-win.top/login?a=1')], 'fraud_url', setup)).toBe(true);
    expect(fired([visit(me(0), 'https://www.baidu.com/s?wd=stock-win.top')], 'fraud_url', setup)).toBe(false);
    expect(
      fired([visit(me(0), 'https://m.stock-win.top/')], 'fraud_url', (i) => {
        setup(i);
        i.add({ kind: 'domain', value: 'stock-win.top', list: 'allow' });
      }),
    ).toBe(false);
  });
  it('a URL on a bare IP is looked up in the IP list (port, path, IPv6 and browser IPv4 forms included)', () => {
    const setup = (i: IndicatorStore) => {
      i.add({ kind: 'ip', value: '103.45.67.89', reason: '涉诈服务器' });
      i.add({ kind: 'ip', value: '2001:DB8:0:0::1' });
    };
    const hit = run([visit(me(0), 'http://103.45.67.89:8080/invest/login.html')], setup)[0]!.hits.find(
      (h) => h.ruleId === 'fraud_url',
    );
    expect(hit?.reason).toMatch(/103\.45\.67\.89.*涉诈服务器/);
    expect(fired([visit(me(0), 'https://user@103.45.67.89/x?y=1')], 'fraud_url', setup)).toBe(true);
    expect(fired([visit(me(0), 'http://[2001:db8::1]:8443/pay')], 'fraud_url', setup)).toBe(true);
    expect(fired([visit(me(0), 'http://0x67.45.67.89/')], 'fraud_url', setup)).toBe(true); // 0x67 = 103, as a browser reads it
    expect(fired([visit(me(0), 'http://103.45.67.90:8080/')], 'fraud_url', setup)).toBe(false);
    expect(
      fired([visit(me(0), 'http://103.45.67.89/')], 'fraud_url', (i) => {
        setup(i);
        i.add({ kind: 'ip', value: '103.45.67.89', list: 'allow' });
      }),
    ).toBe(false);
    expect(
      fired([visit(me(0), 'http://103.45.67.89/')], 'fraud_url', (i) =>
        i.add({ kind: 'ip', value: '103.45.67.89', validUntil: Date.parse(at(-1)) }),
      ),
    ).toBe(false);
  });
  it('fraud app: during a call scores more', () => {
    const setup = (i: IndicatorStore) => i.add({ kind: 'app_package', value: 'com.bad.app' });
    const alone = run([install(me(0), 'X', 'com.bad.app')], setup)[0]!.hits[0]!;
    const during = run([call(me(0), '13700000000', 600), install(me(20), 'X', 'com.bad.app')], setup)[1]!.hits.find(
      (h) => h.ruleId === 'fraud_app',
    )!;
    expect(during.score).toBe(alone.score + C.fraudApp.duringCallBonus);
  });
  it('screen sharing right after a call is a signal (strong after a suspicious call); without a call it is weak', () => {
    const d = run([call(me(0), '13700000000', 600), install(me(15), '腾讯会议', 'com.tencent.wemeet')])[1]!;
    expect(d.hits.find((h) => h.ruleId === 'screen_share_app')!.score).toBe(C.screenShare.weightOrdinaryCall);
    const sus = run([call(me(0), '0095533', 600), install(me(15), '腾讯会议', 'com.tencent.wemeet')])[1]!;
    expect(sus.hits.find((h) => h.ruleId === 'screen_share_app')!.score).toBe(C.screenShare.weight);
    expect(sus.warning!.level).toBe('high'); // spoofed call + screen sharing: the customer-service script
    const alone = run([install(me(0), '腾讯会议', 'com.tencent.wemeet')])[0]!;
    expect(alone.hits[0]!.score).toBe(C.screenShare.weightAlone);
    expect(alone.action).toBe('none');
  });
});

describe('money rules', () => {
  it('loan_burst needs minCount loans within the window', () => {
    const w = C.loans.windowSec / 60;
    expect(fired([tx(me(0), 'loan', 'in', 1000), tx(me(w), 'loan', 'in', 1000)], 'loan_burst')).toBe(true);
    expect(fired([tx(me(0), 'loan', 'in', 1000), tx(me(w + 1), 'loan', 'in', 1000)], 'loan_burst')).toBe(false);
  });
  it('loans_then_cashout fires on a withdrawal after loans, not without loans', () => {
    expect(
      fired(
        [tx(me(0), 'loan', 'in', 1000), tx(me(10), 'loan', 'in', 1000), tx(me(20), 'withdrawal', 'out', 500)],
        'loans_then_cashout',
      ),
    ).toBe(true);
    expect(fired([tx(me(0), 'loan', 'in', 1000), tx(me(20), 'withdrawal', 'out', 500)], 'loans_then_cashout')).toBe(
      false,
    );
  });
  it('repeated_withdrawals needs count and total', () => {
    const c = C.withdrawals;
    const each = c.minTotal / c.minCount;
    const ws = (amt: number) => Array.from({ length: c.minCount }, (_, k) => tx(me(k * 10), 'withdrawal', 'out', amt));
    expect(fired(ws(each), 'repeated_withdrawals')).toBe(true);
    expect(fired(ws(each - 1), 'repeated_withdrawals')).toBe(false);
    expect(fired(ws(each).slice(1), 'repeated_withdrawals')).toBe(false);
  });
  it('first_large_transfer at the amount, to a new payee only', () => {
    const L = C.newPayee.largeAmount;
    expect(fired([tx(me(0), 'transfer', 'out', L, { peerAccount: '999' })], 'first_large_transfer')).toBe(true);
    expect(fired([tx(me(0), 'transfer', 'out', L - 1, { peerAccount: '999' })], 'first_large_transfer')).toBe(false);
    expect(
      fired(
        [
          tx(me(0), 'transfer', 'out', 10, { peerAccount: '999' }),
          tx(me(5), 'transfer', 'out', L, { peerAccount: '999' }),
        ],
        'first_large_transfer',
      ),
    ).toBe(false);
  });
  it('new_payee_escalation: several new payees with growing amounts (刷单)', () => {
    const evs = [100, 300, 900].map((a, k) => tx(me(k * 30), 'transfer', 'out', a, { peerAccount: `70${k}` }));
    const d = run(evs).at(-1)!;
    expect(d.hits.find((h) => h.ruleId === 'new_payee_escalation')!.fraudTypes[0]).toBe('brushing_rebate');
    const shrinking = [900, 300, 100].map((a, k) => tx(me(k * 30), 'transfer', 'out', a, { peerAccount: `70${k}` }));
    expect(fired(shrinking, 'new_payee_escalation')).toBe(false);
  });
  it('listed_account fires on a transfer to a listed account', () =>
    expect(
      fired([tx(me(0), 'transfer', 'out', 10, { peerAccount: '6212 3456 7890' })], 'listed_account', (i) =>
        i.add({ kind: 'account', value: '621234567890' }),
      ),
    ).toBe(true));
});

describe('partner, parcel and text rules', () => {
  it('partner_alert: large amount adds the bonus', () => {
    const small = run([alert(me(0), 'gold_shop', '某金店', '老人要买大量金条', 499_999)])[0]!.hits.find(
      (h) => h.ruleId === 'partner_alert',
    )!;
    const big = run([alert(me(0), 'gold_shop', '某金店', '老人要买大量金条', 500_000)])[0]!.hits.find(
      (h) => h.ruleId === 'partner_alert',
    )!;
    expect(big.score - small.score).toBe(C.alert.largeAmountBonus);
  });
  it('parcel with a QR-code flyer or bank cards', () => {
    expect(
      run([parcel(me(0), '宣传单若干（印有二维码）')])[0]!.hits.find((h) => h.ruleId === 'parcel_suspicious')!
        .fraudTypes,
    ).toContain('brushing_rebate');
    expect(fired([parcel(me(0), '银行卡 12 张')], 'parcel_suspicious')).toBe(true);
    expect(fired([parcel(me(0), '衣服两件')], 'parcel_suspicious')).toBe(false);
  });
  it('script_text types the script; one phrase is not enough; own outgoing SMS ignored', () => {
    const d = run([sms(me(0), '10690000', '您涉嫌洗钱，请配合资金清查，将资金转入安全账户并保密')])[0]!;
    expect(d.hits.find((h) => h.ruleId === 'script_text')!.fraudTypes[0]).toBe('impersonate_authority');
    expect(fired([sms(me(0), '10690000', '您的验证码是1234')], 'script_text')).toBe(false);
    expect(fired([sms(me(0), '13700000000', '刷单返利 做任务', 'out')], 'script_text')).toBe(false);
    expect(run([report(me(0), '对方说帮我注销校园贷，不然影响征信')])[0]!.hits[0]!.fraudTypes[0]).toBe('fake_credit');
  });
  it('listed keywords are picked up, and removing one takes effect at once', () => {
    const ind = new IndicatorStore();
    ind.add({ kind: 'keyword', value: '星辰资本' });
    const e = createEngine({ indicators: ind });
    expect(e.decide(sms(me(0), '10690000', '欢迎加入星辰资本')).hits.map((h) => h.ruleId)).toContain('listed_keyword');
    ind.remove('keyword', '星辰资本');
    expect(e.decide(sms(me(1), '10690000', '欢迎加入星辰资本')).hits).toEqual([]);
  });
});

describe('timing relative to a call', () => {
  it('a transfer while still on the phone counts (call_then_transfer), as does screen sharing mid-call', () => {
    const evs = [call(me(0), '13700000000', 3600), tx(me(20), 'transfer', 'out', 5000, { peerAccount: '555' })];
    expect(fired(evs, 'call_then_transfer')).toBe(true);
    const d = run([call(me(0), '13700000000', 3600), install(me(10), '腾讯会议', 'com.tencent.wemeet')])[1]!;
    expect(d.hits[0]!.score).toBe(C.screenShare.weightOrdinaryCall);
    expect(d.hits[0]!.reason).toContain('通话期间');
  });
  it('an unknown subject id is not closed', () => {
    const e = createEngine();
    e.decide(call(me(0), '13700000000', 30));
    expect(e.closeWarning('S999', 0)).toBe(false);
    expect(e.closeWarning('X0', 0)).toBe(false);
  });
});
