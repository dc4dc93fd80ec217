// Rules on money and partner observations: transfers, loans, withdrawals, counter alerts, parcels.
import type { Rule } from './rule.ts';
import { hit, hours, minutes, yuan } from './rule.ts';
import { MIN_EVIDENCE, scriptTypes } from './rules-contact.ts';
import type { NormEvent } from './types.ts';
import type { SeqContact } from './state.ts';
import { text as msg } from '../../../contract/texts.ts';

const isOut = (ev: NormEvent) => ev.raw.type === 'transaction' && ev.raw.direction === 'out';
const isCashout = (ev: NormEvent) =>
  ev.raw.type === 'transaction' &&
  ev.raw.direction === 'out' &&
  (ev.raw.kind === 'transfer' || ev.raw.kind === 'withdrawal');
const amountOf = (ev: NormEvent) => (ev.raw.type === 'transaction' ? ev.raw.amount : 0);

export const moneyRules: Rule[] = [
  {
    id: 'listed_account',
    on: ['transaction'],
    title: '向涉诈账户转账',
    fn(ev, _st, ind, cfg) {
      if (!isOut(ev) || !ev.peerAccount) return null;
      const slot = ind.blocked('account', ev.peerAccount, ev.t);
      if (slot < 0) return null;
      const ft = ind.fraudTypeOf(slot);
      return hit(
        'listed_account',
        cfg,
        ev,
        ft ? [ft] : [],
        cfg.listedAccount.weight,
        `向涉诈账户 ${ev.peerAccount} 转出${yuan(amountOf(ev))}${ind.reasonOf(slot) ? `（${ind.reasonOf(slot)}）` : ''}`,
        msg('hit.listed_account', { account: ev.peerAccount ?? '', amount: amountOf(ev), why: ind.reasonOf(slot) }),
      );
    },
  },
  {
    id: 'call_then_transfer',
    on: ['transaction'],
    title: '通话后向新收款人转账',
    fn(ev, st, ind, cfg) {
      const c = cfg.callThenTransfer;
      if (!isOut(ev) || !ev.peerAccount || ev.raw.type !== 'transaction' || ev.raw.kind !== 'transfer') return null;
      if (ev.raw.amount < c.minAmount || st.knowsPayee(ev.peerAccount) || ind.allowed('account', ev.peerAccount))
        return null;
      const gap = st.sinceCall(ev.t); // negative: still on the phone while transferring
      if (gap === null || gap > c.windowSec || st.callSec < c.minCallSec) {
        // days after a suspicious call (the "police" called on Monday, the money goes on Wednesday)
        const later = (ev.t - st.suspT) / 1000;
        if (!(later >= 0 && later <= c.laterWindowSec) || c.laterWeight === 0) return null;
        return hit(
          'call_then_transfer',
          cfg,
          ev,
          st.suspTypes,
          c.laterWeight,
          `可疑来电后${hours(later)}内，向从未转过账的新账户 ${ev.peerAccount} 转出${yuan(ev.raw.amount)}`,
          msg('hit.call_then_transfer_later', {
            withinSec: later,
            account: ev.peerAccount ?? '',
            amount: ev.raw.amount,
          }),
          [st.suspId],
        );
      }
      const suspicious = st.callTypes !== null;
      // after an ordinary call, paying a company (the car dealer one just spoke to) is everyday life
      if (!suspicious && ev.raw.peerName !== undefined && isOrgName(ev.raw.peerName)) return null;
      return hit(
        'call_then_transfer',
        cfg,
        ev,
        st.callTypes ?? ['impersonate_authority', 'fake_customer_service'],
        c.weight + (suspicious ? c.suspiciousCallBonus : 0),
        `${suspicious ? '可疑来电' : '通话'}（${minutes(st.callSec)}）${gap <= 0 ? '期间' : `结束后${hours(Math.max(60, gap))}内`}，向从未转过账的新账户 ${ev.peerAccount} 转出${yuan(ev.raw.amount)}`,
        msg('hit.call_then_transfer', {
          suspicious: suspicious ? 1 : 0,
          callSec: st.callSec,
          afterSec: gap <= 0 ? 0 : Math.max(60, gap),
          account: ev.peerAccount ?? '',
          amount: ev.raw.amount,
        }),
        [st.callId],
      );
    },
  },
  {
    id: 'script_then_transfer',
    on: ['transaction'],
    title: '收到诈骗话术短信后向新收款人转账',
    fn(ev, st, ind, cfg) {
      const c = cfg.scriptThenTransfer;
      const r = ev.raw;
      if (
        r.type !== 'transaction' ||
        r.direction !== 'out' ||
        !ev.peerAccount ||
        (r.kind !== 'transfer' && r.kind !== 'payment')
      )
        return null;
      if (st.scriptT === -Infinity || ev.t - st.scriptT > c.windowSec * 1000 || ev.t < st.scriptT) return null;
      if (r.amount < c.minAmount || st.knowsPayee(ev.peerAccount) || ind.allowed('account', ev.peerAccount))
        return null;
      const personal = r.peerName !== undefined && isPersonName(r.peerName);
      return hit(
        'script_then_transfer',
        cfg,
        ev,
        st.scriptTypes ?? [],
        c.weight + (personal ? c.personalBonus : 0),
        `收到含诈骗话术的短信${hours(Math.max(60, (ev.t - st.scriptT) / 1000))}后，向从未转过账的${personal ? `个人账户（${r.peerName}）` : '新账户'} ${ev.peerAccount} 转出${yuan(r.amount)}`,
        msg('hit.script_then_transfer', {
          afterSec: Math.max(60, (ev.t - st.scriptT) / 1000),
          payee: personal ? (r.peerName ?? '') : '',
          account: ev.peerAccount ?? '',
          amount: r.amount,
        }),
        [st.scriptId],
      );
    },
  },
  {
    id: 'app_then_transfer',
    on: ['transaction'],
    title: '安装高风险App后向陌生个人账户转账',
    fn(ev, st, ind, cfg) {
      const c = cfg.riskyApps;
      const r = ev.raw;
      if (
        r.type !== 'transaction' ||
        r.direction !== 'out' ||
        !ev.peerAccount ||
        (r.kind !== 'transfer' && r.kind !== 'payment')
      )
        return null;
      if (
        st.appT === -Infinity ||
        ev.t < st.appT ||
        ev.t - st.appT > c.transferWindowSec * 1000 ||
        c.transferWeight === 0
      )
        return null;
      if (r.amount < c.transferMinAmount || r.peerName === undefined || !isPersonName(r.peerName)) return null;
      if (st.knowsPayee(ev.peerAccount) || ind.allowed('account', ev.peerAccount)) return null;
      return hit(
        'app_then_transfer',
        cfg,
        ev,
        st.appTypes,
        c.transferWeight,
        `安装“${st.appName}”${hours(Math.max(60, (ev.t - st.appT) / 1000))}后，向从未转过账的个人账户（${r.peerName}）${ev.peerAccount} 转出${yuan(r.amount)}（正规平台不会让客户转账到个人账户）`,
        msg('hit.app_then_transfer', {
          app: st.appName,
          afterSec: Math.max(60, (ev.t - st.appT) / 1000),
          payee: r.peerName,
          account: ev.peerAccount ?? '',
          amount: r.amount,
        }),
        [st.appId],
      );
    },
  },
  {
    id: 'counter_cash_on_call',
    on: ['transaction'],
    title: '通话期间柜面大额取现',
    fn(ev, st, _ind, cfg) {
      const c = cfg.counterCash;
      const r = ev.raw;
      if (r.type !== 'transaction' || r.kind !== 'withdrawal' || r.channel !== 'counter' || r.amount < c.minAmount)
        return null;
      const gap = st.sinceCall(ev.t);
      if (gap === null || gap > c.afterCallSec) return null;
      const suspicious = st.callTypes !== null;
      return hit(
        'counter_cash_on_call',
        cfg,
        ev,
        st.callTypes ?? ['impersonate_authority', 'fake_investment'],
        c.weight + (suspicious ? c.suspiciousCallBonus : 0),
        `${suspicious ? '可疑来电' : '长时间通话'}（${minutes(st.callSec)}）${gap <= 0 ? '期间' : `结束后${hours(Math.max(60, gap))}内`}到柜台取现${yuan(r.amount)}（骗子常遥控受害人取现后交给“取款人”）`,
        msg('hit.counter_cash_on_call', {
          suspicious: suspicious ? 1 : 0,
          callSec: st.callSec,
          afterSec: gap <= 0 ? 0 : Math.max(60, gap),
          amount: r.amount,
        }),
        [st.callId],
      );
    },
  },
  {
    id: 'first_large_transfer',
    on: ['transaction'],
    title: '首次向陌生账户大额转账',
    fn(ev, st, ind, cfg) {
      if (!isOut(ev) || !ev.peerAccount || ev.raw.type !== 'transaction' || ev.raw.kind === 'withdrawal') return null;
      if (
        ev.raw.amount < cfg.newPayee.largeAmount ||
        st.knowsPayee(ev.peerAccount) ||
        ind.allowed('account', ev.peerAccount)
      )
        return null;
      const org = ev.raw.peerName !== undefined && isOrgName(ev.raw.peerName);
      return hit(
        'first_large_transfer',
        cfg,
        ev,
        [],
        org ? cfg.newPayee.organisationWeight : cfg.newPayee.weight,
        `首次向陌生账户 ${ev.peerAccount}${ev.raw.peerName ? `（${ev.raw.peerName}）` : ''} 转出大额${yuan(ev.raw.amount)}`,
        msg('hit.first_large_transfer', {
          account: ev.peerAccount ?? '',
          payee: ev.raw.peerName ?? '',
          amount: ev.raw.amount,
        }),
      );
    },
  },
  {
    id: 'new_payee_escalation',
    on: ['transaction'],
    title: '短时间内向多个新账户递增转账',
    fn(ev, st, ind, cfg) {
      const c = cfg.newPayee;
      if (!isOut(ev) || !ev.peerAccount || ev.raw.type !== 'transaction' || ev.raw.kind !== 'transfer') return null;
      if (st.knowsPayee(ev.peerAccount) || ind.allowed('account', ev.peerAccount) || !st.newPayeeTransfers) return null;
      const ids: string[] = [];
      const from = ev.t - c.escalationWindowSec * 1000;
      const { count, total } = st.newPayeeTransfers.since(from, ev.t, ids);
      if (count + 1 < c.escalationCount || ev.raw.amount * count < total) return null; // not growing
      return hit(
        'new_payee_escalation',
        cfg,
        ev,
        ['brushing_rebate', 'online_romance', 'fake_investment'],
        c.escalationWeight,
        `${hours(c.escalationWindowSec)}内向${count + 1}个新账户转账，金额越转越大（合计${yuan(total + ev.raw.amount)}），符合刷单返利“连单”等特征`,
        msg('hit.new_payee_escalation', {
          windowSec: c.escalationWindowSec,
          count: count + 1,
          total: total + ev.raw.amount,
        }),
        ids,
      );
    },
  },
  {
    id: 'loan_burst',
    on: ['transaction'],
    title: '短时间内多笔贷款',
    fn(ev, st, _ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'transaction' || r.kind !== 'loan' || r.direction !== 'in') return null;
      const ids: string[] = [];
      const prev = st.loans ? st.loans.since(ev.t - cfg.loans.windowSec * 1000, ev.t, ids) : { count: 0, total: 0 };
      if (prev.count + 1 < cfg.loans.minCount) return null;
      return hit(
        'loan_burst',
        cfg,
        ev,
        ['fake_loan', 'fake_investment', 'fake_customer_service'],
        cfg.loans.weight,
        `${hours(cfg.loans.windowSec)}内办理${prev.count + 1}笔贷款，共${yuan(prev.total + r.amount)}（骗子常诱导受害人贷款筹钱）`,
        msg('hit.loan_burst', { windowSec: cfg.loans.windowSec, count: prev.count + 1, total: prev.total + r.amount }),
        ids,
      );
    },
  },
  {
    id: 'loans_then_cashout',
    on: ['transaction'],
    title: '多笔贷款后转出或取现',
    fn(ev, st, _ind, cfg) {
      if (!isCashout(ev) || !st.loans) return null;
      const c = cfg.loans;
      const ids: string[] = [];
      const { count, total } = st.loans.since(ev.t - c.cashoutWindowSec * 1000, ev.t, ids);
      if (count < c.minCount) return null;
      const what = ev.raw.type === 'transaction' && ev.raw.kind === 'withdrawal' ? '取现' : '转出';
      return hit(
        'loans_then_cashout',
        cfg,
        ev,
        ['fake_investment', 'fake_loan'],
        c.cashoutWeight,
        `${count}笔贷款（共${yuan(total)}）到账后随即${what}${yuan(amountOf(ev))}`,
        msg('hit.loans_then_cashout', {
          count,
          total,
          withdrawal: what === '取现' ? 1 : 0,
          amount: amountOf(ev),
        }),
        ids,
      );
    },
  },
  {
    id: 'repeated_withdrawals',
    on: ['transaction'],
    title: '多次取现',
    fn(ev, st, _ind, cfg) {
      const r = ev.raw;
      if (r.type !== 'transaction' || r.kind !== 'withdrawal') return null;
      const c = cfg.withdrawals;
      const ids: string[] = [];
      const prev = st.withdrawals ? st.withdrawals.since(ev.t - c.windowSec * 1000, ev.t, ids) : { count: 0, total: 0 };
      if (prev.count + 1 < c.minCount || prev.total + r.amount < c.minTotal) return null;
      return hit(
        'repeated_withdrawals',
        cfg,
        ev,
        ['fake_investment', 'impersonate_authority'],
        c.weight,
        `${hours(c.windowSec)}内取现${prev.count + 1}次，共${yuan(prev.total + r.amount)}（可能准备“线下交易”或交给骗子）`,
        msg('hit.repeated_withdrawals', {
          windowSec: c.windowSec,
          count: prev.count + 1,
          total: prev.total + r.amount,
        }),
        ids,
      );
    },
  },
  {
    id: 'contact_then_money',
    on: ['transaction'],
    title: '可疑接触后资金流出（任意渠道组合）',
    fn(ev, st, ind, cfg, _text, prior) {
      const c = cfg.sequence;
      const r = ev.raw;
      if (r.type !== 'transaction' || !st.seq || c.weight === 0) return null;
      // the money side: transfer/payment to a new payee, counter or ATM cash, a loan paid in (money about to leave)
      // `money`: the same outflow as a code for the structured text (contract/texts.ts)
      let factor: number,
        what: string,
        moneyKind: string,
        payee = '';
      if (r.direction === 'out' && (r.kind === 'transfer' || r.kind === 'payment') && ev.peerAccount) {
        if (st.knowsPayee(ev.peerAccount) || ind.allowed('account', ev.peerAccount)) return null;
        const name = r.peerName;
        factor =
          name === undefined
            ? c.unnamedFactor
            : isPersonName(name)
              ? 1
              : isOrgName(name) && !GOLD.test(name)
                ? c.organisationFactor
                : c.unnamedFactor;
        what = `向从未转过账的${name && isPersonName(name) ? `个人账户（${name}）` : name ? `账户（${name}）` : '新账户'}转出${yuan(r.amount)}`;
        moneyKind = name && isPersonName(name) ? 'transfer_person' : 'transfer';
        payee = name ?? '';
      } else if (r.kind === 'withdrawal' && r.direction === 'out') {
        factor = 1;
        what = `${r.channel === 'counter' ? '柜台' : r.channel === 'atm' ? 'ATM' : ''}取现${yuan(r.amount)}`;
        moneyKind =
          r.channel === 'counter' ? 'withdrawal_counter' : r.channel === 'atm' ? 'withdrawal_atm' : 'withdrawal';
      } else if (r.kind === 'loan' && r.direction === 'in') {
        factor = c.loanFactor;
        what = `贷款到账${yuan(r.amount)}`;
        moneyKind = 'loan';
      } else return null;
      if (r.amount < c.minAmount) return null;
      const money =
        factor *
        Math.min(1, Math.log(r.amount / c.minAmount) / Math.log(Math.max(c.fullAmount, c.minAmount * 2) / c.minAmount));
      // the contact side: every suspicious contact in the window, combined as independent evidence (noisy-or)
      const from = ev.t - c.windowSec * 1000;
      let miss = 1,
        top: SeqContact | null = null;
      const ids: string[] = [];
      for (const k of st.seq) {
        if (k.t < from || k.t > ev.t) continue;
        miss *= 1 - k.s;
        ids.push(k.id);
        if (!top || k.s > top.s) top = k;
      }
      if (!top) return null;
      const contact = 1 - miss;
      // the fixed pairs (call → transfer, script → transfer, app → transfer, call → counter cash) may already
      // have scored this event: add only what the strength of both sides says beyond them
      let already = 0;
      if (prior) for (const h of prior) if (PAIR_RULES.has(h.ruleId)) already += h.score;
      const score = Math.round(c.weight * contact * money) - already;
      if (score < c.minScore) return null;
      const n = ids.length;
      return hit(
        'contact_then_money',
        cfg,
        ev,
        top.types,
        score,
        `${n > 1 ? `${n}次可疑接触（最强：${top.what.slice(0, 60)}）` : `可疑接触（${top.what.slice(0, 60)}）`}后${hours(Math.max(60, (ev.t - top.t) / 1000))}内${what}（接触强度${Math.round(contact * 100)}%，资金强度${Math.round(money * 100)}%）`,
        msg('hit.contact_then_money', {
          contacts: n,
          withinSec: Math.max(60, (ev.t - top.t) / 1000),
          money: moneyKind,
          payee,
          amount: r.amount,
          contactPercent: Math.round(contact * 100),
          moneyPercent: Math.round(money * 100),
        }),
        ids.slice(-8),
      );
    },
  },
  {
    id: 'partner_alert',
    on: ['alert'],
    title: '合作单位预警（银行柜台、金店、物流等）',
    fn(ev, _st, _ind, cfg, text) {
      const r = ev.raw;
      if (r.type !== 'alert') return null;
      const big = r.amount !== undefined && r.amount >= cfg.alert.largeAmount;
      const w = cfg.alert[r.partnerKind] + (big ? cfg.alert.largeAmountBonus : 0);
      if (w === 0) return null;
      const who = {
        bank: '银行网点',
        gold_shop: '金店',
        logistics: '物流网点',
        telecom: '运营商',
        school: '学校',
        community: '社区',
      }[r.partnerKind];
      // counter staff name the type outright (alert phrases), else the script classifier reads the note
      const types = text?.alertTypes.length
        ? text.alertTypes.slice()
        : text?.script && text.script.label !== 'normal' && text.script.p >= 0.4 && text.script.evidence >= MIN_EVIDENCE
          ? scriptTypes(text.script)
          : [];
      return hit(
        'partner_alert',
        cfg,
        ev,
        types,
        w,
        `${who}“${r.unit}”报告：${r.note.slice(0, 120)}${r.amount !== undefined ? `（涉及金额${yuan(r.amount)}）` : ''}`,
        msg('hit.partner_alert', {
          partner: r.partnerKind,
          unit: r.unit,
          note: r.note.slice(0, 120),
          amount: r.amount ?? '',
        }),
      );
    },
  },
  {
    id: 'parcel_suspicious',
    on: ['parcel'],
    title: '包裹含二维码传单或银行卡/电话卡',
    fn(ev, _st, _ind, cfg, text) {
      if (!text || text.parcel.length === 0) return null;
      const flyer = text.parcel.some((p) => p.includes('二维码') || p.includes('传单') || p.includes('卡片'));
      return hit(
        'parcel_suspicious',
        cfg,
        ev,
        flyer ? ['brushing_rebate', 'fake_customer_service'] : [],
        cfg.parcel.weight,
        `包裹内含${text.parcel.join('、')}${flyer ? '（二维码传单常用于引流诈骗）' : '（疑似买卖、寄递“两卡”）'}`,
        msg('hit.parcel_suspicious', { items: text.parcel.join('、'), flyer: flyer ? 1 : 0 }),
      );
    },
  },
];

const PAIR_RULES = new Set(['call_then_transfer', 'script_then_transfer', 'app_then_transfer', 'counter_cash_on_call']);
/** gold and jewellery shops: buying gold to hand over is money leaving, though the payee is a company */
const GOLD = /金店|黄金|珠宝|金行|银楼/;

const ORG = /公司|店|商|行|局|院|所|中心|平台|超市|银行|医院|学校|大学|政府|委员会|合作社|集团|协会|部|厂|站|馆/;
/** A payee name that reads like a private person (2–4 Chinese characters, no organisation word): banks send
 * the counterparty's name, and shops, platforms and employers are organisations. */
export function isPersonName(name: string): boolean {
  return /^[\u4e00-\u9fa5·]{2,4}$/.test(name) && !ORG.test(name) && name !== '个人';
}
/** A payee name with an organisation word (有限公司, 店, 银行…). */
export const isOrgName = (name: string): boolean => name.length > 4 && ORG.test(name);
