// The fraud-type catalogue as versioned data (domain.md §3). Codes are stable ids used by rules, warnings
// and cases; names are the official Chinese names shown to officers. A warning or case may carry several.
// `listVersion` says which list the type comes from so a later official list can be added beside this one.

export interface FraudType {
  code: string;
  name: string; // official Chinese name
  nameEn: string;
  listVersion: string; // 'mps-2024' = the Ministry's 2024 top-10 list; 'common' = frequent, not in that list
  parent: string | null;
  /** dissuasion talking points (劝阻话术), plain words for the phone call or the visit */
  talkingPoints: string[];
}

export const CATALOGUE_VERSION = '2024.1';

export const FRAUD_TYPES: readonly FraudType[] = [
  {
    code: 'brushing_rebate',
    name: '刷单返利',
    nameEn: 'Task / rebate scam',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: [
      '刷单本身就是违法行为，所谓“返利”是诱饵',
      '“卡单”“任务未完成”要求继续充值解冻的，都是诈骗',
      '不要再向任何个人账户转账',
    ],
  },
  {
    code: 'fake_investment',
    name: '虚假网络投资理财',
    nameEn: 'Fake online investment',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: [
      '正规投资平台不会让您把钱转到个人账户',
      '“提现要先交解冻费、保证金、税费”就是诈骗',
      '所谓“导师”“内幕消息”都是骗子设计的',
      '不要贷款投资，不要去取现金做“线下交易”',
    ],
  },
  {
    code: 'fake_shopping',
    name: '虚假购物服务',
    nameEn: 'Fake shopping / services',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: ['脱离正规平台私下交易没有任何保障', '低价、代购、先付款再发货的要格外小心'],
  },
  {
    code: 'fake_customer_service',
    name: '冒充电商物流客服',
    nameEn: 'Fake e-commerce / logistics customer service',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: [
      '退款会原路退回，不需要您转账或贷款',
      '真正的客服不会让您下载会议软件、开屏幕共享',
      '不要把验证码告诉任何人',
      '“百万保障”“关闭扣费服务”都是骗局',
    ],
  },
  {
    code: 'fake_loan',
    name: '虚假贷款',
    nameEn: 'Fake loan',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: ['放款前要求交手续费、保证金、解冻费的都是诈骗', '正规贷款不会要求先转账验证还款能力'],
  },
  {
    code: 'fake_credit',
    name: '虚假征信',
    nameEn: 'Fake credit record (incl. cancelling campus loans)',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: ['征信记录不能花钱修改或消除', '“注销校园贷”“影响征信”是骗子的说辞，官方不会让您贷款转账'],
  },
  {
    code: 'impersonate_acquaintance',
    name: '冒充领导熟人',
    nameEn: 'Impersonating a boss or acquaintance',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: ['领导、熟人要求转账，一定先用原来的电话号码核实', '转账截图不等于钱已到账'],
  },
  {
    code: 'impersonate_authority',
    name: '冒充公检法及政府机关',
    nameEn: 'Impersonating police, prosecutors, courts or officials',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: [
      '公检法机关不会通过电话、视频办案，不会发通缉令',
      '根本没有所谓“安全账户”，不会要求“资金清查”',
      '“00”或“+”开头的电话冒充国内号码是诈骗',
      '马上挂断电话，不要保密，先和家人或派出所核实',
    ],
  },
  {
    code: 'online_romance',
    name: '网络婚恋交友',
    nameEn: 'Online romance (pig butchering)',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: ['从未见面却谈钱、带您投资或赌博的，就是诈骗', '“杀猪盘”通常先养感情再骗钱'],
  },
  {
    code: 'game_trade',
    name: '网络游戏产品虚假交易',
    nameEn: 'Fake online game item trades',
    listVersion: 'mps-2024',
    parent: null,
    talkingPoints: ['游戏账号、装备只在官方平台交易', '要求先交保证金、解冻费才能提现的都是诈骗'],
  },
  {
    code: 'ticket_refund',
    name: '机票退改签',
    nameEn: 'Fake flight refund / rebooking',
    listVersion: 'common',
    parent: 'fake_customer_service',
    talkingPoints: ['航班变动请拨打航空公司官方客服核实', '退改签不需要您转账、贷款或提供验证码'],
  },
  {
    code: 'sextortion',
    name: '裸聊敲诈',
    nameEn: 'Sextortion',
    listVersion: 'common',
    parent: null,
    talkingPoints: ['不要转账，转了也会被继续勒索', '保留证据，立即报警'],
  },
];

const builtIn = new Map(FRAUD_TYPES.map((t) => [t.code, t]));
let byCode = builtIn;
let liveVersion = CATALOGUE_VERSION;

/**
 * The catalogue the system shows is the published knowledge base's (反诈知识库: name, English name, parent, list
 * version per code): the knowledge module applies it on every node when it loads its published versions (at start,
 * on `knowledge.published`), so a renamed type is renamed on warnings, cases, statistics and engine labels without a
 * restart. Codes are stable; a built-in type keeps its talking points unless the entry has its own, a type the
 * knowledge base added joins the catalogue. An empty list goes back to the built-in catalogue.
 */
export function applyCatalogue(
  entries: readonly (Pick<FraudType, 'code' | 'name' | 'nameEn' | 'parent' | 'listVersion'> & {
    talkingPoints?: string[];
  })[],
  version: string,
): void {
  const next = new Map(builtIn);
  for (const e of entries) {
    const base = builtIn.get(e.code);
    next.set(e.code, {
      code: e.code,
      name: e.name,
      nameEn: e.nameEn,
      parent: e.parent,
      listVersion: e.listVersion,
      talkingPoints: e.talkingPoints?.length ? e.talkingPoints : (base?.talkingPoints ?? []),
    });
  }
  byCode = entries.length ? next : builtIn;
  liveVersion = entries.length ? version : CATALOGUE_VERSION;
}

/** The catalogue in force (built-in codes first, in their order, then types the knowledge base added). */
export const fraudTypes = (): readonly FraudType[] => [...byCode.values()];
/** Which catalogue is in force: the built-in version, or the knowledge base's published versions. */
export const catalogueVersion = (): string => liveVersion;

export function fraudType(code: string): FraudType | undefined {
  return byCode.get(code);
}

/** `{ code, name }` as shown on warnings; unknown codes keep their code as the name rather than vanish. */
export function fraudTypeRef(code: string): { code: string; name: string } {
  return { code, name: byCode.get(code)?.name ?? code };
}
