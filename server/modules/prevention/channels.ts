// Campaign channels beyond SMS (issue 13), pure: the text for WeChat groups generated from the group (type ×
// audience, no links), the visit outcomes of door-to-door tasks, and the photo check of talks (type by its bytes).

export const CAMPAIGN_CHANNELS = ['sms', 'wechat', 'door', 'talk'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];
export const VISIT_OUTCOMES = ['met', 'not_home', 'refused', 'moved'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
/** A visit with this outcome reached the resident (coverage). */
export const REACHED_BY_VISIT: VisitOutcome = 'met';

const AUDIENCE: Record<string, string> = {
  under_18: '同学们、家长们',
  '18_40': '年轻的朋友们',
  '41_65': '各位街坊邻居',
  over_65: '各位叔叔阿姨、爷爷奶奶',
};
const OCCUPATION: Record<string, string> = {
  student: '同学们',
  学生: '同学们',
  retired: '退休的老同志们',
  退休: '退休的老同志们',
  finance: '各位财务、会计朋友',
  财务: '各位财务、会计朋友',
  office: '各位上班族朋友',
  self_employed: '各位个体经营户',
  worker: '各位务工的朋友',
  teacher: '各位老师',
};
/** What the script sounds like and the one rule that breaks it, per fraud type (the knowledge base can replace these). */
const TIPS: Record<string, [string, string]> = {
  brushing_rebate: ['“刷单返利、点赞赚佣金、先垫付后返现”', '凡是要你先垫钱的兼职都是诈骗'],
  fake_investment: ['“内部消息、导师带单、稳赚不赔的投资平台”', '陌生人拉你进群炒股、炒币、投资，一律是诈骗'],
  fake_shopping: ['“低价商品、私下转账、加好友交易”', '网购一定走平台担保交易，不私下转账'],
  fake_customer_service: ['“客服说您的订单异常、要退款、要关闭百万保障”', '退款不需要你转账、不需要共享屏幕'],
  fake_loan: ['“无抵押秒批贷款，先交保证金、解冻费”', '放款前要你交钱的贷款都是诈骗'],
  fake_credit: ['“注销校园贷、修复征信”', '征信不能花钱修复，只有人民银行征信中心能查询'],
  impersonate_acquaintance: ['“领导、熟人加你好友，急需借钱或代付”', '涉及转账先打电话或当面核实'],
  impersonate_authority: ['“公检法说你涉嫌洗钱，要你把钱转到安全账户”', '公检法不会电话办案，更没有“安全账户”'],
  online_romance: ['“网上认识的恋人带你投资、赌博”', '没见过面的网恋对象谈钱，就是诈骗'],
  game_trade: ['“游戏装备、账号低价交易，私下转账”', '游戏交易只走官方平台'],
};

export interface GroupForText {
  fraudType: string;
  fraudTypeName: string;
  ageBand: string;
  occupation?: string | null;
  unitName: string;
}

/**
 * A short message for WeChat groups (community, school, company groups), generated from the risk group: who it
 * speaks to (age band, occupation), what the script sounds like and the rule that breaks it, and 96110. No links:
 * scammers send links, we never do. Deterministic.
 */
export function wechatGroupText(g: GroupForText): string {
  const who = (g.occupation && OCCUPATION[g.occupation]) || AUDIENCE[g.ageBand] || '各位群友';
  const [sounds, rule] = TIPS[g.fraudType] ?? [`“${g.fraudTypeName}”`, '陌生人要你转账汇款的，先停下来核实'];
  return [
    `【${g.unitName}反诈提醒】${who}：`,
    `近期本辖区${g.fraudTypeName}类诈骗上升。骗子常说${sounds}。`,
    `记住：${rule}。`,
    '接到可疑电话、短信，请拨打96110咨询；已经转账的，立即拨打110报警。',
    '请转发给家人朋友，一起守好钱袋子。',
  ].join('\n');
}

/** Allowed photo types, told apart by their first bytes (the declared type is not trusted). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export function photoType(data: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const b = data;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  if (
    b.length >= 12 &&
    String.fromCharCode(b[0]!, b[1]!, b[2]!, b[3]!) === 'RIFF' &&
    String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!) === 'WEBP'
  )
    return 'image/webp';
  return null;
}
/** The reason a photo is refused, or null. */
export function checkPhoto(data: Uint8Array): string | null {
  if (data.length === 0) return 'empty file';
  if (data.length > PHOTO_MAX_BYTES) return `at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`;
  if (!photoType(data)) return 'only JPEG, PNG or WebP photos';
  return null;
}
