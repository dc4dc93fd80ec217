// The first published version of every catalogue type: built from the fraud-type catalogue (names, parents, the
// type's talking points), the audience points (audiences.ts), the SMS and call texts the dissuasion channels used
// until now (scripts-2026.1), typical scripts and the signals a platform can see (domain.md §3). Pure data.
import { FRAUD_TYPES, SCRIPT_PHRASES, type FraudType } from '../fraud-types/index.ts';
import type { KbContent } from '../../../contract/knowledge.ts';
import { AUDIENCE_POINTS, AUDIENCES } from './audiences.ts';

/**
 * The SMS core per type as sent by scripts-2026.1: the first SMS template of the seeded entries, and the text the
 * dissuasion scripts fall back on for a type the knowledge base has not published (the one copy).
 */
export const BUILTIN_SMS: Readonly<Record<string, string>> = {
  brushing_rebate: '刷单返利都是诈骗，“卡单”要您继续充值的，千万别再转账。',
  fake_investment: '正规投资不会让您转账到个人账户，提现要交费的都是诈骗。',
  fake_shopping: '脱离正规平台的私下交易没有保障，请勿先付款。',
  fake_customer_service: '退款会原路退回，客服不会让您开屏幕共享、贷款或转账。',
  fake_loan: '放款前要您交费的都是诈骗，请勿转账。',
  fake_credit: '征信不能花钱修改，“注销校园贷”是诈骗，请勿贷款转账。',
  impersonate_acquaintance: '熟人、领导要求转账，请先用原号码电话核实。',
  impersonate_authority: '公检法不会电话办案，没有“安全账户”，请立即挂断、勿转账。',
  online_romance: '从未见面却带您投资、赌博的网友就是骗子，请勿转账。',
  game_trade: '游戏账号装备只在官方平台交易，要交保证金的都是诈骗。',
  ticket_refund: '航班变动请打航空公司官方客服核实，退改签不需要转账。',
  sextortion: '不要转账，转了也会被继续勒索，请保留证据报警。',
};

/** The typical script and what a bank, telecom or app can see (common practice, domain.md §3). */
const PROFILE: Record<string, { script: string; signals: string[] }> = {
  brushing_rebate: {
    script:
      '以“手机兼职、日结佣金”招募，先做点赞关注小任务并返利取信，再派“连单任务”要求垫付，以“卡单”“操作失误”为由要求继续充值解冻。',
    signals: ['短时间内多次向陌生个人账户小额转账且金额递增', '新装境外分发的“任务”APP', '与陌生号码通话后立即转账'],
  },
  fake_investment: {
    script:
      '在婚恋、社交或荐股群里由“导师”带单，引导下载虚假投资平台，先小额盈利可提现，加大投入后以交“保证金”“税费”为由拒绝提现。',
    signals: ['首次向陌生账户大额转账', '短期内多笔贷款后转出', '安装仿冒投资APP'],
  },
  fake_shopping: {
    script: '以低价商品、代购、门票为诱饵，引导脱离正规平台私下交易，收款后失联或以“缴税”“保证金”继续收费。',
    signals: ['向个人账户支付“货款”', '交易前与卖家在非平台社交软件沟通'],
  },
  fake_customer_service: {
    script:
      '冒充电商、物流客服，称商品质量问题理赔或“百万保障”扣费，引导下载会议软件开屏幕共享，诱导贷款转账“验证流水”。',
    signals: ['通话中打开屏幕共享或会议软件', '接听自称客服的陌生来电后短时间内申请多笔贷款', '验证码短信后立即转账'],
  },
  fake_loan: {
    script: '以“无抵押、低息、秒批”贷款为饵，引导下载虚假贷款APP，放款前以“解冻费”“保证金”“刷流水”为由收费。',
    signals: ['安装非正规贷款APP', '向个人账户支付“手续费”'],
  },
  fake_credit: {
    script: '冒充金融平台或银保监工作人员，称校园贷未注销、征信受影响，诱导在多个平台贷款后转入“安全账户”。',
    signals: ['多平台短时间集中借贷后转出', '年轻用户与陌生号码长时间通话'],
  },
  impersonate_acquaintance: {
    script: '盗用或仿冒领导、熟人的社交账号，建新群或私聊，以“急用”“不方便接电话”为由要求向陌生账户转账。',
    signals: ['企业对公账户向陌生个人账户紧急转账', '新添加好友后短时内转账'],
  },
  impersonate_authority: {
    script: '冒充公检法，称受害人涉嫌洗钱，出示伪造通缉令，要求“保密”，指令将资金转入“安全账户”接受调查。',
    signals: ['接听境外或改号来电后转账', '老年人大额转账或取现', '住宾馆“隔离”配合调查'],
  },
  online_romance: {
    script: '在婚恋、交友平台建立恋爱关系，从不视频见面，之后以投资、赌博“漏洞”或急事为由诱导转账。',
    signals: ['向从未线下见面的网友转账', '安装仿冒投资或博彩APP'],
  },
  game_trade: {
    script: '在游戏或交易群低价出售装备、账号，引导到虚假交易平台，以“账户冻结”“保证金”为由要求转账。',
    signals: ['未成年人使用家长支付账户多笔支付', '访问虚假游戏交易网站'],
  },
  ticket_refund: {
    script: '冒充航空公司发送航班取消短信，以“退改签补偿”为由引导下载会议软件、提供验证码并转账。',
    signals: ['收到航班变动短信后拨打非官方号码', '通话中打开屏幕共享'],
  },
  sextortion: {
    script: '以交友为名诱导裸聊并安装窃取通讯录的APP，录屏后以发给亲友相威胁勒索转账。',
    signals: ['安装来历不明的聊天APP', '夜间向陌生账户多次转账'],
  },
};

/**
 * The SMS and call script for one audience where the centre wrote one (the rest hear the type's general text):
 * the elderly and 冒充公检法, students and 刷单返利 / 注销校园贷, finance staff and 冒充领导熟人.
 */
const BY_AUDIENCE: Record<string, Pick<KbContent, 'smsByAudience' | 'voiceByAudience'>> = {
  impersonate_authority: {
    smsByAudience: { elderly: '叔叔阿姨，警察不会打电话办案，更不会让您转账到“安全账户”，请马上挂断，告诉子女。' },
    voiceByAudience: {
      elderly: [
        '叔叔阿姨，警察不会打电话办案，也不会让您去宾馆“隔离”。',
        '让您“保密”“别告诉家人”的，一定是骗子。',
        '请马上挂断电话，先和子女或社区民警说一声。',
      ],
    },
  },
  brushing_rebate: {
    smsByAudience: { student: '同学，兼职刷单都是诈骗，“卡单”要你继续充值的千万别转，可告诉辅导员。' },
    voiceByAudience: {
      student: ['同学，网上兼职刷单本身就是违法的，返利只是诱饵。', '对方说“卡单”要你继续充值，千万不要再转账。'],
    },
  },
  fake_credit: {
    smsByAudience: { student: '同学，校园贷早已清理，不存在“注销校园贷”，让你贷款转账的都是骗子。' },
  },
  impersonate_acquaintance: {
    smsByAudience: { finance_staff: '“老板”在QQ、微信要求转账，请先电话或当面核实，严格执行财务审批。' },
    voiceByAudience: {
      finance_staff: [
        '“领导”在聊天软件里要求转账，请先用原来的电话号码核实。',
        '不要因为“急事”跳过财务审批和双人复核。',
      ],
    },
  },
};

/** A de-identified write-up (脱敏案例) per type where the centre has one ready. */
const CASES: Record<string, { title: string; text: string }[]> = {
  brushing_rebate: [
    {
      title: '大学生兼职刷单被骗',
      text: '某高校学生王某在社交平台看到“手机兼职日结”广告，前三单返利共60元，之后被要求做“连单任务”，先后转账8笔共2.3万元，平台以“卡单”为由拒绝返还。',
    },
  ],
  impersonate_authority: [
    {
      title: '退休教师险被“安全账户”骗走积蓄',
      text: '退休教师李某接到自称某地公安的电话，称其涉嫌洗钱，要求保密并转账至“安全账户”。银行柜员发现异常报警，民警上门劝阻，避免损失40万元。',
    },
  ],
  fake_customer_service: [
    {
      title: '“关闭百万保障”被诱导贷款',
      text: '市民赵某接到“客服”电话称其开通了百万保障将每月扣费，按指示下载会议软件共享屏幕，在多个平台贷款后转出5.6万元。',
    },
  ],
};

export function seedContent(t: FraudType): KbContent {
  const points: KbContent['talkingPoints'] = { general: [...t.talkingPoints] };
  for (const a of AUDIENCES) {
    if (a === 'general') continue;
    const p = AUDIENCE_POINTS[a];
    const list = [...p.all, ...(p.byType?.[t.code] ?? [])];
    if (list.length) points[a as Exclude<typeof a, 'general'>] = list;
  }
  const profile = PROFILE[t.code];
  const phrases = SCRIPT_PHRASES[t.code] ?? [];
  return {
    name: t.name,
    nameEn: t.nameEn,
    parent: t.parent,
    listVersion: t.listVersion,
    script: profile?.script ?? (phrases.length ? `常见说辞：${phrases.join('、')}` : ''),
    signals: profile?.signals ?? [],
    talkingPoints: points,
    smsTemplates: BUILTIN_SMS[t.code] ? [BUILTIN_SMS[t.code]!] : [],
    voiceScript: t.talkingPoints.slice(0, 3),
    ...BY_AUDIENCE[t.code],
    cases: CASES[t.code] ?? [],
  };
}

export const seedEntries = (): { code: string; content: KbContent }[] =>
  FRAUD_TYPES.map((t) => ({ code: t.code, content: seedContent(t) }));
