// The same built-in rules expressed for json-rules-engine, for a side-by-side ratio. Facts are derived with
// the engine's own helpers (normalise, indicator lookups, phrase analysis, a per-subject window state), so
// the comparison is about rule evaluation and its overhead, with the same inputs.
import { Engine as JRE } from 'json-rules-engine';
import {
  DEFAULT_CONFIG as C,
  buildTextAnalyzer,
  normalizeEvent,
  type IndicatorStore,
  type TypedEvent,
} from '../../server/modules/engine/index.ts';

type F = Record<string, string | number | boolean>;
const rule = (name: string, weight: number, all: { fact: string; operator: string; value: unknown }[]) => ({
  name,
  conditions: { all },
  event: { type: name, params: { weight } },
});
const eq = (fact: string, value: unknown) => ({ fact, operator: 'equal', value });
const ge = (fact: string, value: number) => ({ fact, operator: 'greaterThanInclusive', value });
const le = (fact: string, value: number) => ({ fact, operator: 'lessThanInclusive', value });

export function jreRules() {
  return [
    rule('listed_contact', C.listedContact.weight, [eq('peerListed', true)]),
    rule('foreign_call', C.foreignCall.weightIntl, [
      eq('type', 'call'),
      eq('direction', 'in'),
      eq('result', 'answered'),
      eq('peerForeign', true),
      ge('durationSec', C.foreignCall.minDurationSec),
    ]),
    rule('fraud_url', C.fraudUrl.weight, [eq('type', 'url_visit'), eq('urlListed', true)]),
    rule('fraud_app', C.fraudApp.weight, [eq('type', 'app_install'), eq('appListed', true)]),
    rule('screen_share_app', C.screenShare.weight, [
      eq('type', 'app_install'),
      eq('screenShare', true),
      le('sinceCallSec', C.screenShare.afterCallSec),
    ]),
    rule('script_text', C.script.weightBase, [ge('phrases', C.script.minPhrases)]),
    rule('listed_keyword', C.keyword.weight, [ge('keywords', 1)]),
    rule('listed_account', C.listedAccount.weight, [
      eq('type', 'transaction'),
      eq('direction', 'out'),
      eq('peerAccountListed', true),
    ]),
    rule('call_then_transfer', C.callThenTransfer.weight, [
      eq('kind', 'transfer'),
      eq('direction', 'out'),
      eq('newPayee', true),
      ge('amount', C.callThenTransfer.minAmount),
      le('sinceCallSec', C.callThenTransfer.windowSec),
      ge('callSec', C.callThenTransfer.minCallSec),
    ]),
    rule('first_large_transfer', C.newPayee.weight, [
      eq('direction', 'out'),
      eq('newPayee', true),
      ge('amount', C.newPayee.largeAmount),
    ]),
    rule('loan_burst', C.loans.weight, [eq('kind', 'loan'), ge('loansInWindow', C.loans.minCount)]),
    rule('loans_then_cashout', C.loans.cashoutWeight, [eq('cashout', true), ge('loansBefore', C.loans.minCount)]),
    rule('repeated_withdrawals', C.withdrawals.weight, [
      eq('kind', 'withdrawal'),
      ge('withdrawals', C.withdrawals.minCount),
      ge('withdrawalTotal', C.withdrawals.minTotal),
    ]),
    rule('partner_alert', C.alert.bank, [eq('type', 'alert')]),
    rule('parcel_suspicious', C.parcel.weight, [eq('type', 'parcel'), ge('parcelPhrases', 1)]),
  ];
}

interface S {
  callEnd: number;
  callSec: number;
  loans: number[];
  wd: number[];
  wdAmt: number[];
  payees: Set<string>;
}

export function makeJre(ind: IndicatorStore) {
  const engine = new JRE(jreRules(), { allowUndefinedFacts: true });
  const text = buildTextAnalyzer(undefined, undefined, undefined, null); // phrases only, as before the classifier
  const subjects = new Map<string, S>();
  const kw: number[] = [];
  return async function decide(e: TypedEvent): Promise<number> {
    const ev = normalizeEvent(e);
    const key = ev.subjectKeys[0]!;
    let st = subjects.get(key);
    if (!st)
      subjects.set(key, (st = { callEnd: -Infinity, callSec: 0, loans: [], wd: [], wdAmt: [], payees: new Set() }));
    const r = ev.raw;
    const f: F = { type: r.type, sinceCallSec: (ev.t - st.callEnd) / 1000, callSec: st.callSec };
    if (r.type === 'call' || r.type === 'sms') {
      Object.assign(f, {
        direction: r.direction,
        peerForeign: ev.peerIntl || ev.peerSpoofed,
        peerListed: ind.blocked('phone', ev.peer!, ev.t) >= 0,
      });
      if (r.type === 'call') Object.assign(f, { result: r.result, durationSec: r.durationSec });
    }
    if (r.type === 'url_visit')
      f.urlListed =
        (ev.domain !== null && ind.blocked('domain', ev.domain, ev.t) >= 0) || ind.blocked('url', ev.url!, ev.t) >= 0;
    if (r.type === 'app_install') {
      f.appListed = !!r.package && ind.blocked('app_package', r.package, ev.t) >= 0;
      f.screenShare = !!r.package && C.screenShare.packages.includes(r.package);
    }
    if (ev.text) {
      const found = text.analyze(ev.text);
      f.phrases = found?.phrases.length ?? 0;
      f.parcelPhrases = found?.parcel.length ?? 0;
      f.keywords = ind.keywordsIn(ev.text, ev.t, kw)?.length ?? 0;
    }
    if (r.type === 'transaction') {
      const from = (w: number) => ev.t - w * 1000;
      Object.assign(f, {
        kind: r.kind,
        direction: r.direction,
        amount: r.amount,
        cashout: r.direction === 'out' && (r.kind === 'transfer' || r.kind === 'withdrawal'),
        newPayee: !!ev.peerAccount && !st.payees.has(ev.peerAccount),
        peerAccountListed: !!ev.peerAccount && ind.blocked('account', ev.peerAccount, ev.t) >= 0,
        loansInWindow: st.loans.filter((t) => t >= from(C.loans.windowSec)).length + (r.kind === 'loan' ? 1 : 0),
        loansBefore: st.loans.filter((t) => t >= from(C.loans.cashoutWindowSec)).length,
      });
      if (r.kind === 'withdrawal') {
        let n = 1,
          tot = r.amount;
        st.wd.forEach((t, i) => {
          if (t >= from(C.withdrawals.windowSec)) {
            n++;
            tot += st!.wdAmt[i]!;
          }
        });
        Object.assign(f, { withdrawals: n, withdrawalTotal: tot });
        st.wd.push(ev.t);
        st.wdAmt.push(r.amount);
        if (st.wd.length > 16) {
          st.wd.shift();
          st.wdAmt.shift();
        }
      }
      if (r.kind === 'loan') {
        st.loans.push(ev.t);
        if (st.loans.length > 16) st.loans.shift();
      }
      if (ev.peerAccount) st.payees.add(ev.peerAccount);
    }
    if (r.type === 'call' && r.result === 'answered' && r.durationSec >= C.callThenTransfer.minCallSec) {
      st.callEnd = ev.t + r.durationSec * 1000;
      st.callSec = r.durationSec;
    }
    const { events } = await engine.run(f);
    let score = 0;
    for (const x of events) score += (x.params as { weight: number }).weight;
    return score;
  };
}
