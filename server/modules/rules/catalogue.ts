// What the built-in rules do, for the configuration page. The engine owns the rules (BUILTIN_RULES: id, events,
// title, code); the config sections a rule reads and the fraud types it names are read off its code, so they follow
// engine changes without an edit here. This file only adds a longer description (a new rule shows its title).
import { BUILTIN_RULES } from '../engine/index.ts';
import { FRAUD_TYPES, fraudTypeRef } from '../fraud-types/index.ts';

/** Chinese description first (the officers' language), English title and description for the English UI. */
interface RuleDoc {
  description: string;
  fromList?: boolean;
  en?: { title: string; description: string };
}

export const RULE_DOCS: Record<string, RuleDoc> = {
  listed_contact: {
    description: '与黑名单号码通话、短信往来或群众举报中提到该号码；接通加分。',
    fromList: true,
    en: {
      title: 'Contact with a listed number',
      description:
        'A call or SMS with a block-listed number, or the number named in a citizen report; an answered call scores more.',
    },
  },
  foreign_call: {
    description: '接听境外来电，或带“00”/“+”前缀伪装成国内号码的来电，通话时长达到阈值。',
    en: {
      title: 'Long call from an overseas, spoofed or virtual number',
      description:
        'An answered call from abroad, or from a number with a "00"/"+" prefix posing as a domestic one, lasting at least the threshold.',
    },
  },
  fraud_url: {
    description: '访问黑名单网址或其注册域名。',
    fromList: true,
    en: { title: 'Visit to a fraud website', description: 'A visit to a block-listed URL or its registrable domain.' },
  },
  fraud_app: {
    description: '安装黑名单App（包名或SHA-256）；通话期间或通话后安装加分。',
    fromList: true,
    en: {
      title: 'Fraud app installed',
      description: 'A block-listed app installed (package name or SHA-256); more during or right after a call.',
    },
  },
  screen_share_app: {
    description: '通话期间或通话后不久安装屏幕共享/会议软件。',
    en: {
      title: 'Screen-sharing app installed during a call',
      description: 'A screen-sharing or meeting app installed during or shortly after a call.',
    },
  },
  script_text: {
    description:
      '话术识别模型（分词+字符二元组+话术短语，朴素贝叶斯）判断短信、举报、包裹、预警文字属于某类诈骗话术；分值随可能性升高，并列出起决定作用的词语。',
    en: {
      title: 'Fraud script in a text',
      description:
        'The trained script classifier (words, character bigrams and the phrase lexicon; naive Bayes) reads an SMS, report, parcel note or partner alert as a fraud script; the score grows with its probability, and the words that drove it are shown.',
    },
  },
  contact_then_money: {
    description:
      '任意渠道的可疑接触（涉诈/境外/伪装/虚拟号码来电、话术短信、高风险App或网址、包裹传单、交友/聊天软件）之后窗口内资金流出（向新收款人转账、柜台/ATM取现、贷款、购金），分值=接触强度×资金强度，已由固定组合规则计分的部分不重复计。',
    en: {
      title: 'Suspicious contact, then money leaving (any channels)',
      description:
        'Any suspicious contact (listed/overseas/spoofed/virtual caller, script SMS, risky app or link, parcel flyer, dating or chat app) followed within the window by money leaving (transfer to a new payee, counter/ATM cash, loans, gold); score = contact strength × money strength, minus what the fixed pair rules already scored on that event.',
    },
  },
  listed_keyword: {
    description: '文字中含黑名单关键词。',
    fromList: true,
    en: { title: 'Listed keyword in a text', description: 'A text contains a block-listed keyword.' },
  },
  listed_account: {
    description: '向黑名单账户转账。',
    fromList: true,
    en: { title: 'Transfer to a listed account', description: 'A transfer to a block-listed account.' },
  },
  call_then_transfer: {
    description: '长时间通话期间或之后的时间窗内向新收款人转账；通话可疑时加分。',
    en: {
      title: 'Transfer to a new payee after a call',
      description:
        'A transfer to a new payee during or within the window after a long call; more when the call was suspicious.',
    },
  },
  first_large_transfer: {
    description: '首次向新收款人大额转账。',
    en: {
      title: 'First large transfer to a new payee',
      description: 'A large first transfer to a payee never paid before.',
    },
  },
  new_payee_escalation: {
    description: '时间窗内向多个新收款人转账且金额递增。',
    en: {
      title: 'Rising transfers to several new payees',
      description: 'Transfers to several new payees within the window, with growing amounts.',
    },
  },
  loan_burst: {
    description: '时间窗内多笔贷款入账。',
    en: { title: 'Several loans within hours', description: 'Several loans paid in within the window.' },
  },
  loans_then_cashout: {
    description: '多笔贷款后转出或取现。',
    en: {
      title: 'Loans, then transfer or cash-out',
      description: 'A transfer out or cash withdrawal after several loans.',
    },
  },
  repeated_withdrawals: {
    description: '时间窗内多次取现且合计达到阈值。',
    en: {
      title: 'Repeated cash withdrawals',
      description: 'Several cash withdrawals within the window, adding up to the threshold.',
    },
  },
  partner_alert: {
    description: '银行柜台、金店、物流、通信、学校、社区等合作单位报送的预警；大额加分。',
    en: {
      title: 'Partner alert (bank counter, gold shop, logistics …)',
      description:
        'An alert from a bank counter, gold shop, logistics, telecom, school or community partner; more for a large amount.',
    },
  },
  risky_app: {
    description: '安装名称像投资/交易平台、但不在持牌机构名单中的App；此前几天刚装境外/加密聊天软件时加分。',
    en: {
      title: 'Look-alike investment or trading app installed',
      description:
        'An app named like an investment or trading platform but not on the list of licensed institutions; more when an overseas or encrypted chat app was installed days before.',
    },
  },
  app_then_transfer: {
    description: '安装高风险App后的时间窗内，向从未转过账的个人账户转账。',
    en: {
      title: 'Transfer to a new personal account after a risky app',
      description:
        'A transfer to a personal account never paid before, within the window after a high-risk app was installed.',
    },
  },
  impersonation_claim: {
    description: '陌生号码（非近期联系人）短信自称领导、老师、熟人；虚拟运营商号段加分。',
    en: {
      title: 'Stranger claims to be a boss or acquaintance',
      description:
        'An SMS from an unknown number (not a recent contact) claiming to be a boss, teacher or acquaintance; more for a virtual-operator number.',
    },
  },
  script_then_transfer: {
    description: '收到诈骗话术短信后的时间窗内向新收款人转账。',
    en: {
      title: 'Transfer to a new payee after a fraud-script SMS',
      description: 'A transfer to a new payee within the window after an SMS with fraud-script phrases.',
    },
  },
  counter_cash_on_call: {
    description: '通话期间或通话后不久在银行柜面大额取现；通话可疑时加分。',
    en: {
      title: 'Large counter withdrawal during a call',
      description:
        'A large cash withdrawal at a bank counter during or shortly after a call; more when the call was suspicious.',
    },
  },
  parcel_suspicious: {
    description: '包裹含二维码传单、银行卡、电话卡、U盾。',
    en: {
      title: 'Parcel with QR-code flyers or bank cards',
      description: 'A parcel holding QR-code flyers, bank cards, SIM cards or USB keys.',
    },
  },
};

/** Settings that apply to every rule: level bands, evidence window, subject linking cap. */
export const GLOBAL_CONFIG_SECTIONS = ['levels', 'evidenceWindowSec', 'maxKeysPerSubject'];

const CODES = new Set(FRAUD_TYPES.map((t) => t.code));

/** Top-level config keys a rule function reads (`cfg.loans…`) and fraud-type codes it names, in order of use. */
export function readRuleCode(fn: (...args: never[]) => unknown): { config: string[]; fraudTypes: string[] } {
  const src = fn.toString();
  const config = [...new Set([...src.matchAll(/\bcfg\.(\w+)/g)].map((m) => m[1]!))];
  const fraudTypes = [
    ...new Set([...src.matchAll(/['"`]([a-z_]+)['"`]/g)].map((m) => m[1]!).filter((c) => CODES.has(c))),
  ];
  return { config, fraudTypes };
}

export function builtinRules() {
  return BUILTIN_RULES.map((r) => {
    const doc = RULE_DOCS[r.id];
    const code = readRuleCode(r.fn);
    return {
      id: r.id,
      title: r.title,
      titleEn: doc?.en?.title ?? r.title,
      events: [...r.on],
      description: doc?.description ?? r.title,
      descriptionEn: doc?.en?.description ?? doc?.description ?? r.title,
      fraudTypes: code.fraudTypes.map(fraudTypeRef),
      fraudTypeFromList: doc?.fromList ?? false,
      configSections: code.config,
    };
  });
}
