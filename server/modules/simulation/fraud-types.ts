// One entry per fraud type of domain.md §3 (MPS 2024 list + 机票退改签 + 裸聊敲诈). Amounts are chosen so that
// 虚假投资理财 carries about 1/3 of all losses (published; checked in simulation.test.ts). To add a type: append
// an entry here and a case share in distributions.ts — nothing else.
import type { FraudTypeScript } from './script-types.ts';

const M = 1, H = 60, D = 1440;

export const FRAUD_SCRIPTS: readonly FraudTypeScript[] = [
  { code: 'brushing_rebate', name: '刷单返利', victimsPerGang: 10, tlds: ['.top', '.vip'], appNames: ['悦享任务', '淘客联盟'], steps: [
    { do: 'parcel', after: [0, 0], p: 0.3, contents: '小商品', note: '内附"好评返现 加群领红包"二维码卡片' },
    { do: 'sms', after: [0, 1 * D], from: 'port106', text: '【兼职】手机点赞关注，日结200-500元，加微信群领任务 {url}' },
    { do: 'visit', after: [10 * M, 3 * H] },
    { do: 'install', after: [30 * M, 1 * D], app: 'chat' },
    { do: 'receive', after: [1 * H, 6 * H], amount: [10, 50] },
    { do: 'install', after: [1 * H, 1 * D], app: 'gang' },
    { do: 'quit', p: 0.15 },
    { do: 'pay', after: [30 * M, 1 * D], amount: [200, 1000], repeat: [3, 5], growth: 2.2 },
    { do: 'alert', after: [5 * M, 30 * M], p: 0.08, note: '客户多次向不同个人账户转账，称做任务' },
    { do: 'report', after: [1 * D, 3 * D], p: 0.5, text: '网上做刷单任务被骗，充值后无法提现' },
  ] },
  { code: 'fake_investment', name: '虚假网络投资理财', victimsPerGang: 8, tlds: ['.com', '.cc', '.xyz'], appNames: ['汇金国际', 'MT5 Pro', '鼎盛财富', '环球外汇', '恒信贵金属', '星河', '富途牛牛', '中信建投'], steps: [
    { do: 'call', after: [0, 0], from: 'mobile', minutes: [5, 20] },
    { do: 'install', after: [1 * H, 1 * D], app: 'chat' },
    { do: 'visit', after: [1 * D, 4 * D] },
    { do: 'install', after: [1 * H, 1 * D], app: 'gang' },
    { do: 'pay', after: [1 * H, 1 * D], amount: [2000, 10000] },
    { do: 'receive', after: [1 * D, 2 * D], amount: [500, 2000] },
    { do: 'quit', p: 0.12 },
    { do: 'loan', after: [1 * D, 3 * D], amount: [20000, 80000], repeat: [1, 2] },
    { do: 'pay', after: [1 * H, 12 * H], amount: [20000, 60000], repeat: [1, 3], growth: 1.5, channel: 'online' },
    { do: 'alert', after: [10 * M, 1 * H], p: 0.15, note: '客户贷款后大额转出至个人账户，称投资' },
    { do: 'pay', after: [1 * D, 5 * D], amount: [10000, 40000], channel: 'counter' }, // "unfreeze fee"
    { do: 'report', after: [2 * D, 7 * D], p: 0.6, text: '投资平台无法提现，要求缴纳解冻费' },
  ] },
  { code: 'fake_shopping', name: '虚假购物服务', victimsPerGang: 15, tlds: ['.shop', '.top'], appNames: ['优品闲置'], steps: [
    // the ad reaches some victims by SMS; others see it on social media, which no partner sees
    { do: 'sms', after: [0, 0], p: 0.5, from: 'port106', text: '【闲置转让】9成新苹果手机 内部渠道货2999元包邮，先付款后发货，详情 {url}' },
    { do: 'visit', after: [0, 2 * H] },
    { do: 'install', after: [10 * M, 2 * H], app: 'chat' },
    { do: 'quit', p: 0.2 },
    { do: 'pay', after: [10 * M, 3 * H], amount: [300, 3000], repeat: [1, 2], growth: 1.5 },
    { do: 'report', after: [1 * D, 4 * D], p: 0.4, text: '网购付款后卖家失联' },
  ] },
  { code: 'fake_customer_service', name: '冒充电商物流客服', victimsPerGang: 10, tlds: ['.cn.com', '.top'], appNames: ['客服理赔'], steps: [
    { do: 'call', after: [0, 0], from: 'spoofed', minutes: [10, 30] },
    { do: 'sms', after: [1 * M, 5 * M], from: 'port106', text: '【快递理赔】您的包裹丢失，将双倍赔付，请点击 {url} 办理退款' },
    { do: 'install', after: [5 * M, 20 * M], app: 'screen_share' },
    { do: 'call', after: [1 * M, 5 * M], from: 'virtual', minutes: [30, 90] },
    { do: 'quit', p: 0.15 },
    { do: 'loan', after: [10 * M, 40 * M], amount: [10000, 50000], repeat: [1, 2] },
    { do: 'pay', after: [5 * M, 30 * M], amount: [10000, 50000], repeat: [1, 2], growth: 1.2 },
    { do: 'report', after: [1 * H, 1 * D], p: 0.6, text: '自称客服说要退款，屏幕共享后被转走钱' },
  ] },
  { code: 'fake_loan', name: '虚假贷款', victimsPerGang: 12, tlds: ['.vip', '.top'], appNames: ['速借钱包', '惠民贷'], steps: [
    { do: 'sms', after: [0, 0], from: 'port106', text: '【惠民贷】无抵押低息贷款，最高20万，当天到账 {url}' },
    { do: 'visit', after: [10 * M, 1 * D] },
    { do: 'install', after: [5 * M, 1 * H], app: 'gang' },
    { do: 'call', after: [10 * M, 2 * H], from: 'mobile', minutes: [5, 15] },
    { do: 'quit', p: 0.2 },
    { do: 'pay', after: [10 * M, 2 * H], amount: [500, 3000], repeat: [2, 4], growth: 1.8 }, // "fees", "unfreezing"
    { do: 'report', after: [1 * D, 3 * D], p: 0.5, text: '网上贷款先交各种费用，钱没贷到' },
  ] },
  { code: 'fake_credit', name: '虚假征信', ages: [19, 30], victimsPerGang: 8, tlds: ['.com', '.top'], appNames: ['征信服务'], steps: [
    { do: 'call', after: [0, 0], from: 'spoofed', minutes: [10, 40] },
    { do: 'install', after: [5 * M, 30 * M], app: 'screen_share' },
    { do: 'quit', p: 0.15 },
    { do: 'loan', after: [10 * M, 1 * H], amount: [5000, 30000], repeat: [2, 4] },
    { do: 'pay', after: [5 * M, 30 * M], amount: [10000, 40000], repeat: [1, 3] },
    { do: 'report', after: [1 * H, 2 * D], p: 0.5, text: '对方称注销校园贷账户否则影响征信，贷款后转到对方账户' },
  ] },
  { code: 'impersonate_acquaintance', name: '冒充领导熟人', occupations: ['finance', 'office', 'self_employed'], victimsPerGang: 10, tlds: ['.top'], appNames: ['QQ'], steps: [
    { do: 'install', after: [0, 0], app: 'chat' },
    { do: 'sms', after: [5 * M, 1 * H], from: 'virtual', text: '我是你们王总，我换了新号，加我QQ，有事安排你办' },
    { do: 'quit', p: 0.25 },
    { do: 'pay', after: [10 * M, 1 * H], amount: [20000, 100000], repeat: [1, 2], channel: 'online' },
    { do: 'alert', after: [5 * M, 20 * M], p: 0.2, note: '企业财务向陌生个人账户大额转账，称领导安排' },
    { do: 'report', after: [1 * H, 1 * D], p: 0.7, text: '冒充老板让财务转账' },
  ] },
  { code: 'impersonate_authority', name: '冒充公检法', victimsPerGang: 8, tlds: ['.gov.cn.com', '.top'], appNames: ['最高检察院', '安全防护'], steps: [
    { do: 'call', after: [0, 0], from: 'spoofed', minutes: [20, 60] },
    { do: 'call', after: [5 * M, 30 * M], from: 'intl', minutes: [30, 120] },
    { do: 'visit', after: [5 * M, 30 * M] }, // "warrant" page
    { do: 'install', after: [5 * M, 30 * M], app: 'screen_share' },
    { do: 'parcel', after: [1 * H, 1 * D], p: 0.15, contents: '银行卡', note: '寄件人要求收件后按电话指示办理"资金清查"' },
    { do: 'quit', p: 0.1 },
    { do: 'pay', after: [1 * H, 1 * D], amount: [50000, 200000], repeat: [1, 2], channel: 'counter' }, // "安全账户"
    { do: 'alert', after: [1 * M, 10 * M], p: 0.4, note: '客户柜面转账时一直在通话，称转入安全账户' },
    { do: 'cash', after: [1 * D, 3 * D], amount: [20000, 80000] },
    { do: 'report', after: [1 * D, 5 * D], p: 0.7, text: '接到自称公安电话说涉嫌洗钱，转入安全账户' },
  ] },
  { code: 'online_romance', name: '网络婚恋交友', ages: [25, 55], victimsPerGang: 6, tlds: ['.com', '.io'], appNames: ['缘来', 'Global Forex'], steps: [
    { do: 'install', after: [0, 0], app: 'dating' },
    { do: 'call', after: [2 * D, 5 * D], from: 'intl', minutes: [30, 90], repeat: [2, 4] },
    { do: 'visit', after: [3 * D, 6 * D] },
    { do: 'install', after: [1 * H, 1 * D], app: 'gang' },
    { do: 'quit', p: 0.15 },
    { do: 'pay', after: [1 * H, 1 * D], amount: [5000, 20000] },
    { do: 'receive', after: [1 * D, 2 * D], amount: [1000, 3000] },
    { do: 'loan', after: [1 * D, 2 * D], amount: [30000, 100000] },
    { do: 'pay', after: [1 * H, 1 * D], amount: [30000, 120000], repeat: [1, 3], growth: 1.4 },
    { do: 'report', after: [2 * D, 7 * D], p: 0.5, text: '网上认识的男友带我投资，平台不能提现' },
  ] },
  { code: 'game_trade', name: '网络游戏产品虚假交易', ages: [16, 25], victimsPerGang: 15, tlds: ['.top', '.xyz'], appNames: ['游戏交易猫'], steps: [
    { do: 'sms', after: [0, 0], p: 0.5, from: 'virtual', text: '王者荣耀V8账号低价出售，全皮肤，私下交易更便宜，加QQ详谈 {url}' },
    { do: 'visit', after: [0, 1 * H] },
    { do: 'install', after: [10 * M, 1 * H], app: 'chat' },
    { do: 'quit', p: 0.2 },
    { do: 'pay', after: [10 * M, 2 * H], amount: [100, 2000], repeat: [1, 3], growth: 1.5 },
    { do: 'report', after: [1 * D, 3 * D], p: 0.3, text: '买游戏账号付款后被拉黑' },
  ] },
  { code: 'ticket_refund', name: '机票退改签', victimsPerGang: 10, tlds: ['.cn.com'], appNames: ['航旅服务'], steps: [
    { do: 'sms', after: [0, 0], from: 'port106', text: '【航空公司】您预订的航班因机械故障取消，请致电客服办理改签补偿 {url}' },
    { do: 'call', after: [10 * M, 2 * H], from: 'virtual', minutes: [20, 60] },
    { do: 'install', after: [5 * M, 20 * M], app: 'screen_share' },
    { do: 'quit', p: 0.2 },
    { do: 'pay', after: [10 * M, 1 * H], amount: [3000, 20000], repeat: [1, 2] },
    { do: 'report', after: [1 * H, 2 * D], p: 0.5, text: '航班改签补偿被骗' },
  ] },
  { code: 'sextortion', name: '裸聊敲诈', ages: [18, 50], victimsPerGang: 10, tlds: ['.top', '.xyz'], appNames: ['花间直播'], steps: [
    { do: 'install', after: [0, 0], app: 'dating' },
    { do: 'visit', after: [1 * H, 1 * D] },
    { do: 'install', after: [10 * M, 1 * H], app: 'gang' }, // reads the contact list
    { do: 'call', after: [1 * H, 12 * H], from: 'intl', minutes: [5, 20] },
    { do: 'quit', p: 0.2 },
    { do: 'pay', after: [30 * M, 3 * H], amount: [3000, 20000], repeat: [1, 3], growth: 1.3 },
    { do: 'report', after: [1 * D, 5 * D], p: 0.3, text: '裸聊被录像敲诈' },
  ] },
];
