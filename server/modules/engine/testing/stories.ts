// A few short stories that make most rules fire, each on its own person: the rule hits they produce, for the
// tests that check every hit's reason has its code (contract/texts.ts) and that the codes read back right.
import { createEngine } from '../engine.ts';
import { IndicatorStore } from '../indicators.ts';
import type { RuleHit, TypedEvent } from '../types.ts';
import { alert, at, call, install, parcel, report, sms, tx, visit } from './events.ts';

export function storyHits(): RuleHit[] {
  const ind = new IndicatorStore();
  ind.add({
    kind: 'app_package',
    value: 'com.fake.stockpro',
    reason: '虚假投资平台“股神汇”',
    fraudType: 'fake_investment',
  });
  ind.add({ kind: 'phone', value: '+86 171 0000 0001', reason: '涉案号码' });
  ind.add({ kind: 'ip', value: '103.45.67.89', reason: '涉诈服务器' });
  ind.add({ kind: 'domain', value: 'stock-win.top' });
  ind.add({ kind: 'account', value: '6230000000006666', reason: '涉案账户' });
  const e = createEngine({ indicators: ind });
  let n = 0;
  const person = () => {
    n += 1;
    const p = String(n).padStart(4, '0');
    return (min: number) => ({ at: at(min), phone: `1390000${p}`, account: `62220000000${p}`, idNumber: undefined });
  };
  const stories: ((who: ReturnType<typeof person>) => TypedEvent[])[] = [
    (w) => [
      install(w(0), '股神汇', 'com.fake.stockpro'),
      tx(w(60), 'loan', 'in', 30_000),
      tx(w(120), 'loan', 'in', 50_000),
      tx(w(180), 'withdrawal', 'out', 20_000, { channel: 'counter' }),
      tx(w(240), 'withdrawal', 'out', 20_000, { channel: 'atm' }),
      tx(w(300), 'withdrawal', 'out', 30_000, { channel: 'counter' }),
    ],
    (w) => [
      call(w(0), '0029110', 45 * 60),
      tx(w(60), 'transfer', 'out', 80_000, { peerAccount: '6230000000009999', peerName: '安全账户' }),
    ],
    (w) => [alert(w(0), 'bank', '东兰县某银行网点', '客户在柜台办理大额转账，疑似正遭遇虚假投资理财诈骗', 1_100_000)],
    (w) => [call(w(0), '17100000001', 300), sms(w(5), '17100000001', '你好')],
    (w) => [report(w(0), '对方自称客服让我转账', ['17100000001'])],
    (w) => [visit(w(0), 'http://103.45.67.89:8080/invest/login.html'), visit(w(5), 'https://m.stock-win.top/a')],
    (w) => [call(w(0), '0095533', 600), install(w(15), '腾讯会议', 'com.tencent.wemeet')],
    (w) => [sms(w(0), '10690000', '您涉嫌洗钱，请配合资金清查，将资金转入安全账户并保密')],
    (w) => [sms(w(0), '16512345678', '我是你们王总，换了新号，加我一下')],
    (w) => [parcel(w(0), '银行卡 10张、手机卡 20张')],
    (w) => [tx(w(0), 'transfer', 'out', 5_000, { peerAccount: '6230000000006666' })],
    (w) => [tx(w(0), 'transfer', 'out', 90_000, { peerAccount: '6230000000007777', peerName: '张三' })],
  ];
  return stories.flatMap((s) => s(person()).flatMap((ev) => e.decide(ev).hits));
}
