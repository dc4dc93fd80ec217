// A deterministic stream of events from many subjects, rich in warnings (foreign calls then transfers, bank
// alerts, loan bursts then cash-outs), for the durability tests and the benchmark. Every subject is named by its
// phone in every event, so its stable warning key is 'p:<phone>'.
import type { ZhiwangEvent } from '../../../../contract/events.ts';

const T0 = Date.parse('2026-06-19T01:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

export function phoneOf(i: number): string {
  return '139' + String(10_000_000 + i).padStart(8, '0');
}
const accountOf = (i: number) => '6222020' + String(100_000_000_000 + i).slice(0, 12);

/** `n` events over `subjects` people, in time order; roughly one subject in three ends up with a warning. */
export function scenarioEvents(n: number, subjects: number, prefix = 'ev', firstSubject = 0): ZhiwangEvent[] {
  const out: ZhiwangEvent[] = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 7919) % subjects; // spread subjects over the stream
    const step = Math.floor(k / subjects);
    const t = T0 + k * 1000;
    const phone = phoneOf(firstSubject + i);
    const id = `${prefix}-${k}`;
    const kind = (i + step) % 10;
    const subject = { phone };
    if (i % 3 === 0 && kind === 0) {
      out.push({
        id,
        source: 'telecom.cmcc',
        type: 'call',
        occurredAt: iso(t),
        subject,
        peer: '00852' + String(60_000_000 + i),
        direction: 'in',
        durationSec: 1200 + (i % 600),
        result: 'answered',
      } as ZhiwangEvent);
    } else if (i % 3 === 0 && kind === 1) {
      out.push({
        id,
        source: 'bank.icbc',
        type: 'transaction',
        occurredAt: iso(t),
        subject: { phone, account: accountOf(firstSubject + i) },
        account: accountOf(firstSubject + i),
        kind: 'transfer',
        channel: 'mobile',
        direction: 'out',
        amount: 20_000 + step * 1000,
        peerAccount: '6217' + String(900_000_000_000_000 + k),
      } as ZhiwangEvent);
    } else if (i % 9 === 3 && kind === 2) {
      out.push({
        id,
        source: 'bank.ccb',
        type: 'alert',
        occurredAt: iso(t),
        subject,
        partnerKind: 'bank',
        unit: '建设银行金城江支行',
        note: '客户称要把钱转到安全账户配合资金清查',
        amount: 300_000 + i,
      } as ZhiwangEvent);
    } else if (i % 6 === 0 && (kind === 3 || kind === 4)) {
      out.push({
        id,
        source: 'bank.icbc',
        type: 'transaction',
        occurredAt: iso(t),
        subject: { phone, account: accountOf(firstSubject + i) },
        account: accountOf(firstSubject + i),
        kind: 'loan',
        channel: 'mobile',
        direction: 'in',
        amount: 30_000,
      } as ZhiwangEvent);
    } else if (kind === 5) {
      out.push({
        id,
        source: 'telecom.cmcc',
        type: 'sms',
        occurredAt: iso(t),
        subject,
        peer: '10690000',
        direction: 'in',
        text: i % 4 === 0 ? '您的账户涉嫌洗钱，请配合资金清查，转入安全账户' : '您本月话费账单已出',
      } as ZhiwangEvent);
    } else {
      out.push({
        id,
        source: 'telecom.cmcc',
        type: 'call',
        occurredAt: iso(t),
        subject,
        peer: '1380013' + String(8000 + (k % 1000)),
        direction: 'in',
        durationSec: 60 + (k % 200),
        result: 'answered',
      } as ZhiwangEvent);
    }
  }
  return out;
}

export function batches<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
