// Chinese fraud-script phrases per type (typical words of the script, domain.md §3 and the seeds), matched in
// SMS text, citizen reports, parcel contents and alert notes. Phrases are data: a centre can extend them.
// A phrase listed for several types counts for each; "common" phrases are scam markers of no single type.

export const SCRIPT_PHRASES: Readonly<Record<string, readonly string[]>> = {
  brushing_rebate: ['刷单', '返利', '做任务', '点赞关注', '垫付', '佣金', '卡单', '连单', '任务单', '兼职日结', '日赚', '日结', '领任务', '手机兼职'],
  fake_investment: ['投资理财', '虚假投资', '导师', '内幕', '稳赚不赔', '高收益', '带单', '荐股', '炒股群', '解冻费', '保证金', '线下交易', '数字货币', '虚拟币', 'USDT'],
  fake_shopping: ['低价代购', '先付款后发货', '定金不退', '内部渠道', '低价出售', '私下交易', '加微信私聊', '绕开平台', '内部价'],
  fake_customer_service: ['百万保障', '关闭服务', '退款', '理赔', '快递丢失', '包裹丢失', '双倍赔付', '屏幕共享', '共享屏幕', '会议软件', '取消会员', '扣费'],
  fake_loan: ['无抵押', '低息贷款', '秒到账', '放款', '验证还款能力', '流水不足', '解冻', '手续费', '当天到账', '无需征信'],
  fake_credit: ['征信', '注销校园贷', '校园贷', '注销账户', '影响征信', '消除记录'],
  impersonate_acquaintance: ['我是你领导', '换号了', '转账截图', '先帮我转', '不方便接电话', '加我新微信', '换了新号', '这是我新号', '加我QQ', '加我微信', '有事安排你'],
  impersonate_authority: ['安全账户', '资金清查', '涉嫌洗钱', '洗钱', '通缉令', '逮捕令', '公安局', '检察院', '保密', '配合调查', '冻结', '涉案'],
  online_romance: ['婚恋', '交友', '杀猪盘', '网恋', '带你赚钱'],
  game_trade: ['游戏账号', '装备交易', '游戏币', '账号冻结', '代练', '游戏装备', '账号交易', '低价出售', '私下交易', '代充', '担保交易'],
  ticket_refund: ['航班取消', '改签', '退票', '航班延误', '理赔金', '改签补偿', '机械故障'],
  sextortion: ['裸聊', '不雅视频', '通讯录', '视频聊天'],
  common: ['验证码', '转账', '下载APP', '下载app', '二维码'],
};

/** Parcel contents that point at 两卡 trafficking or QR-code scam flyers (seed: logistics partners). */
export const PARCEL_PHRASES: readonly string[] = ['二维码', '宣传单', '传单', '银行卡', '手机卡', '电话卡', '物联网卡', 'U盾', 'u盾', '网银盾', '刷单卡片', '返现卡'];

/** Phrases in an alert note that name a type outright (counter staff write what they suspect). */
export const ALERT_TYPE_PHRASES: Readonly<Record<string, readonly string[]>> = {
  fake_investment: ['投资', '理财', '股票'],
  impersonate_authority: ['公检法', '安全账户', '警察', '公安'],
  brushing_rebate: ['刷单'],
  fake_loan: ['贷款'],
  fake_credit: ['征信', '校园贷'],
  fake_customer_service: ['客服', '退款'],
  online_romance: ['网恋', '交友'],
  impersonate_acquaintance: ['领导', '熟人'],
};
