// The numbers the simulated city is built from, in one place, each with its source.
// "published" = ../shared/data/reference/fraud_stats_published.csv (MPS press releases);
// "(~)" = an assumption of ours, plausible but not from an official text: tune it here, not in code.

/** Age bands of VICTIMS. published: 2023 mean age 37, 62.1% aged 18–40, 33.1% aged 41–65 (中通社 2024-06-25).
 * The remaining 4.8% is split (~) between minors (16–17, game/idol scams) and 66+. */
export const VICTIM_AGE_BANDS = [
  { min: 16, max: 17, share: 0.02 },
  { min: 18, max: 40, share: 0.621 },
  { min: 41, max: 65, share: 0.331 },
  { min: 66, max: 80, share: 0.028 },
] as const;

/** Age bands of the whole adult phone-owning population (~, roughly a Guangxi prefecture city: older,
 * working-age adults often away). Victims are drawn separately so their ages follow VICTIM_AGE_BANDS. */
export const POPULATION_AGE_BANDS = [
  { min: 16, max: 17, share: 0.04 },
  { min: 18, max: 40, share: 0.38 },
  { min: 41, max: 65, share: 0.43 },
  { min: 66, max: 85, share: 0.15 },
] as const;

/** Occupations (~), with the ages they apply to. `finance` staff are the targets of 冒充领导熟人 (domain.md §3). */
export const OCCUPATIONS = [
  { code: 'student', share: 0.1, minAge: 16, maxAge: 24 },
  { code: 'farmer', share: 0.2, minAge: 18, maxAge: 85 },
  { code: 'worker', share: 0.18, minAge: 18, maxAge: 60 },
  { code: 'service', share: 0.14, minAge: 18, maxAge: 60 },
  { code: 'self_employed', share: 0.1, minAge: 22, maxAge: 70 },
  { code: 'office', share: 0.08, minAge: 22, maxAge: 60 },
  { code: 'finance', share: 0.03, minAge: 22, maxAge: 60 },
  { code: 'civil_servant', share: 0.04, minAge: 22, maxAge: 60 },
  { code: 'teacher', share: 0.03, minAge: 22, maxAge: 60 },
  { code: 'retired', share: 0.1, minAge: 55, maxAge: 85 },
] as const;
export type Occupation = (typeof OCCUPATIONS)[number]['code'];

/** Case shares per fraud type (they sum to 1). published (央视新闻 2022-05-11): 刷单返利 ≈ 1/3 of cases; the five types
 * 刷单返利 / 虚假投资理财 / 虚假网络贷款 / 冒充客服 / 冒充公检法 ≈ 80% together. How the other four split their ~47% and the
 * remaining 20% among the other types is ours (~). Loss shares follow from the scripts' amounts (fraud-types.ts):
 * 虚假投资理财 ≈ 1/3 of money lost (published, same source). The simulator plays only the common types: the 11.6% of
 * cases outside MPS's ten common types (中通社 2024-06-25) are not modelled. reference.test.ts compares all of this
 * with ../shared/data/reference/fraud_stats_published.csv when it is there. */
export const FRAUD_TYPE_CASE_SHARES: Record<string, number> = {
  brushing_rebate: 0.33,
  fake_investment: 0.14,
  fake_loan: 0.12,
  fake_customer_service: 0.13,
  impersonate_authority: 0.08,
  fake_shopping: 0.05,
  fake_credit: 0.03,
  impersonate_acquaintance: 0.03,
  online_romance: 0.03,
  game_trade: 0.02,
  ticket_refund: 0.02,
  sextortion: 0.02,
};

/** Targeted people per 1,000 residents per 30 days (~). Real incidence is far lower (~0.3 cases per 1,000 per
 * year); the simulator over-samples fraud so a small city yields enough campaigns to measure recall. */
export const DEFAULT_TARGETS_PER_1000_PER_MONTH = 5;

/** Background (non-fraud) events per person per day (~). Partners send only what they record for risk
 * purposes, so these are lower than raw CDR volumes. */
export const BACKGROUND_RATES = {
  callsPerDay: 1.4,
  smsPerDay: 1.1,
  urlVisitsPerDay: 0.35,
  appInstallsPerDay: 0.02,
  paymentsPerDay: 0.5,
  atmPerDay: 0.04,
  parcelsPerDay: 0.08,
  /** share of calls from bank 95xxx service lines */
  bankServiceCallShare: 0.03,
  /** large legitimate transfer (car, house deposit, wedding) per adult per day: about once in 4 years */
  largeTransferPerDay: 0.0007,
  /** legitimate consumer loan per adult per day: about once in 5 years */
  loanPerDay: 0.0005,
  /** 6% of residents have relatives abroad (Guangxi: Malaysia, Thailand, Japan…); of their calls, the share of calls that come from them over the phone network
   * (most diaspora calls go over WeChat, which no partner sees) */
  abroadRelativeCallShare: 0.05,
  /** …of which the person calls out (calls home are both ways) (~) */
  abroadRelativeCallOutShare: 0.4,
  /** chat (Telegram, QQ, Skype…) or dating app installed by an honest person, per person per day (~) */
  chatOrDatingInstallPerDay: 0.003,
  /** meeting / screen-sharing app installed for work, per office worker per day */
  workScreenShareInstallPerDay: 0.004,
  /** bank transfer to a private person (family, a friend paid back, a private seller, a worker), per adult per day:
   * about once a month — most person-to-person money goes over WeChat/Alipay, which banks report as payments (~) */
  p2pTransferPerDay: 0.03,
  /** …of which to someone the person never paid before by bank (~) */
  p2pNewPayeeShare: 0.3,
  /** a licensed broker / fund app installed, per adult per day (about once in 3 years); half then move money to
   * their own securities account (银证转账, an organisation payee) (~) */
  tradingAppInstallPerDay: 0.001,
  /** a crypto exchange app installed by an adult under 45, per day (~); some then buy USDT over the counter from a
   * private seller by bank transfer — legal grey, not fraud against them, and a look-alike of fake investment */
  cryptoAppInstallPerDay: 0.0003,
  cryptoOtcShare: 0.4,
} as const;

/** Share of people whose SIM is on a virtual-operator segment (170/171…) (~). domain.md §9: a risk feature,
 * which is exactly why some honest people must have one. */
export const VIRTUAL_OPERATOR_SHARE = 0.03;

/** Carrier market shares (~, MIIT 2023 order of magnitude). */
export const CARRIERS = [
  {
    code: 'cmcc',
    share: 0.58,
    prefixes: [
      '134',
      '135',
      '136',
      '137',
      '138',
      '139',
      '150',
      '151',
      '152',
      '157',
      '158',
      '159',
      '182',
      '183',
      '187',
      '188',
      '198',
    ],
  },
  { code: 'unicom', share: 0.24, prefixes: ['130', '131', '132', '155', '156', '166', '175', '176', '185', '186'] },
  { code: 'ctcc', share: 0.18, prefixes: ['133', '149', '153', '173', '177', '180', '181', '189', '191', '199'] },
] as const;
export const VIRTUAL_PREFIXES = ['1700', '1701', '1705', '1710', '1711', '1718', '1703', '1709'] as const;

/** Major banks with real debit-card BINs (checked against ../shared/data/reference/bcbc_bin.csv by a test).
 * Shares (~): the big state banks dominate; PSBC and rural credit are strong in Guangxi counties. */
export const BANKS = [
  {
    code: 'icbc',
    bcbc: 'ICBC',
    name: '中国工商银行',
    bins: ['622202', '621226', '620058'],
    share: 0.2,
    service: '95588',
  },
  { code: 'abc', bcbc: 'ABC', name: '中国农业银行', bins: ['622848'], share: 0.2, service: '95599' },
  {
    code: 'ccb',
    bcbc: 'CCB',
    name: '中国建设银行',
    bins: ['621700', '622700', '623668'],
    share: 0.17,
    service: '95533',
  },
  { code: 'boc', bcbc: 'BOC', name: '中国银行', bins: ['621661', '621785', '456351'], share: 0.1, service: '95566' },
  {
    code: 'psbc',
    bcbc: 'PSBC',
    name: '中国邮政储蓄银行',
    bins: ['621799', '622180', '622188', '621098'],
    share: 0.18,
    service: '95580',
  },
  { code: 'bocom', bcbc: 'COMM', name: '交通银行', bins: ['622260'], share: 0.07, service: '95559' },
  { code: 'cmb', bcbc: 'CMB', name: '招商银行', bins: ['622588', '622609'], share: 0.08, service: '95555' },
] as const;
export type BankCode = (typeof BANKS)[number]['code'];

/** Hechi (河池), Guangxi: GB/T 2260 county codes used in resident IDs and default grids. */
export const HECHI_REGIONS = [
  '451202',
  '451203',
  '451221',
  '451222',
  '451223',
  '451224',
  '451225',
  '451226',
  '451227',
  '451228',
  '451229',
] as const;

/** Default community grids: 30 codes "<county><3-digit grid>" (~). Pass your own with `grids`. */
export const DEFAULT_GRIDS: string[] = Array.from(
  { length: 30 },
  (_, i) => `${HECHI_REGIONS[i % HECHI_REGIONS.length]}${String(100 + i).padStart(3, '0')}`,
);

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高韦覃蓝莫梁廖卢蒙黎谭陆'.split('');
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红梅兰凤海燕林波宁'.split('');
