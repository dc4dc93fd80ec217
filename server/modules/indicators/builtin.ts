// The default allow-list (白名单/警示名单的豁免项): values every citizen meets every day. They must never raise a
// warning or link two people into one subject (everyone calls 95588; everyone has WeChat installed).
// 96110 (the anti-fraud warning line) is deliberately absent: fraudsters spoof it, a "+" 96110 call is evidence.
import type { IndicatorItemInput } from './rules.ts';

const SERVICE_NUMBERS: [string, string][] = [
  ['95588', '工商银行客服'],
  ['95599', '农业银行客服'],
  ['95566', '中国银行客服'],
  ['95533', '建设银行客服'],
  ['95559', '交通银行客服'],
  ['95555', '招商银行客服'],
  ['95528', '浦发银行客服'],
  ['95561', '兴业银行客服'],
  ['95568', '民生银行客服'],
  ['95595', '光大银行客服'],
  ['95577', '华夏银行客服'],
  ['95580', '邮储银行客服'],
  ['10086', '中国移动客服'],
  ['10010', '中国联通客服'],
  ['10000', '中国电信客服'],
  ['12381', '工信部涉诈预警劝阻短信'],
];

const DOMAINS: [string, string][] = [
  ['baidu.com', '百度'],
  ['qq.com', '腾讯'],
  ['weixin.qq.com', '微信'],
  ['taobao.com', '淘宝'],
  ['tmall.com', '天猫'],
  ['jd.com', '京东'],
  ['alipay.com', '支付宝'],
  ['www.gov.cn', '中国政府网'],
  ['mps.gov.cn', '公安部'],
  ['chinatax.gov.cn', '国家税务总局'],
  ['12306.cn', '铁路12306'],
  ['icbc.com.cn', '工商银行'],
  ['ccb.com', '建设银行'],
  ['abchina.com', '农业银行'],
  ['boc.cn', '中国银行'],
  ['bankcomm.com', '交通银行'],
  ['cmbchina.com', '招商银行'],
  ['psbc.com', '邮储银行'],
  ['10086.cn', '中国移动'],
  ['chinaunicom.com', '中国联通'],
  ['189.cn', '中国电信'],
  ['163.com', '网易'],
  ['douyin.com', '抖音'],
  ['pinduoduo.com', '拼多多'],
  ['meituan.com', '美团'],
  ['sina.com.cn', '新浪'],
  ['weibo.com', '微博'],
];

const APPS: [string, string][] = [
  ['com.tencent.mm', '微信'],
  ['com.tencent.mobileqq', 'QQ'],
  ['com.eg.android.AlipayGphone', '支付宝'],
  ['com.taobao.taobao', '淘宝'],
  ['com.ss.android.ugc.aweme', '抖音'],
  ['com.jingdong.app.mall', '京东'],
  ['com.xunmeng.pinduoduo', '拼多多'],
  ['com.sankuai.meituan', '美团'],
  ['com.sina.weibo', '微博'],
  ['com.MobileTicket', '铁路12306'],
  ['cn.gov.tax.its', '个人所得税'],
  ['com.hicorenational.antifraud', '国家反诈中心'],
  ['com.icbc', '中国工商银行'],
  ['com.chinamworld.main', '中国建设银行'],
  ['com.android.bankabc', '中国农业银行'],
  ['com.chinamworld.bocmbci', '中国银行'],
  ['cmb.pb', '招商银行'],
  ['com.yitong.mbank.psbc', '中国邮政储蓄银行'],
];

export const BUILTIN_SOURCE = 'builtin';

export function builtinAllowList(): IndicatorItemInput[] {
  const item = (kind: string, [value, what]: [string, string], reason: string): IndicatorItemInput => ({
    kind,
    value,
    list: 'allow',
    source: BUILTIN_SOURCE,
    reason: `${reason}：${what}`,
    confidence: 100,
  });
  return [
    ...SERVICE_NUMBERS.map((x) => item('phone', x, '官方服务号码')),
    ...DOMAINS.map((x) => item('domain', x, '常用正规网站')),
    ...APPS.map((x) => item('app_package', x, '常用正规应用')),
  ];
}
