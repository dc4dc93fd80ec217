// Talking points by audience (劝阻话术按人群): what to stress with the elderly, students, finance staff, … on top of
// the type's own points from the fraud-type catalogue. Pure data and a pure merge; common practice in
// dissuasion work (~), so kept as data a centre can edit.
import { fraudType, FRAUD_TYPES } from '../fraud-types/index.ts';
import { publishedKnowledge } from './published.ts';

export const AUDIENCES = ['general', 'elderly', 'student', 'finance_staff', 'parent'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_POINTS: Record<Audience, { all: string[]; byType?: Record<string, string[]> }> = {
  general: { all: [] },
  elderly: {
    all: [
      '说话慢一点，请子女或邻居一同在场',
      '任何要求“保密”“不要告诉家人”的电话都是诈骗',
      '不认识的人上门或来电推销保健品、养老项目，先和子女商量',
    ],
    byType: {
      fake_investment: ['“养老投资”“高息理财”不保本还可能血本无归'],
      impersonate_authority: ['警察不会打电话让您转账，更不会让您去宾馆“隔离”'],
    },
  },
  student: {
    all: [
      '学生是刷单、游戏交易、注销校园贷诈骗的主要目标',
      '不要出租、出借、出售银行卡和电话卡，这是违法行为，会被惩戒',
      '遇到可疑情况告诉辅导员或家长',
    ],
    byType: { fake_credit: ['校园贷早已全面清理，不存在“注销”一说'], game_trade: ['未成年人游戏充值退款只找官方客服'] },
  },
  finance_staff: {
    all: ['“老板”在QQ、微信上要求转账，一定电话或当面核实', '严格执行财务审批与双人复核，不因“急事”跳过流程'],
    byType: { impersonate_acquaintance: ['领导新建群、拉人进群后催转账是典型手法'] },
  },
  parent: { all: ['孩子用您的手机和支付账户时，提醒他们“免费送皮肤”“退款”都是骗局'] },
};

export interface TalkingPoints {
  fraudType: string;
  name: string;
  points: string[];
  audiencePoints: string[];
  /** the published knowledge-base version they come from; null = the built-in catalogue (nothing published) */
  version: number | null;
}

/**
 * The points for a warning's types and the subject's audience, from the PUBLISHED knowledge base; a type without a
 * published entry falls back to the built-in catalogue. Unknown codes are skipped, nothing is invented.
 */
export function talkingPointsFor(types: string[], audience: Audience = 'general'): TalkingPoints[] {
  const extra = AUDIENCE_POINTS[audience];
  return [...new Set(types)].flatMap((code): TalkingPoints[] => {
    const kb = publishedKnowledge(code);
    if (kb)
      return [
        {
          fraudType: code,
          name: kb.content.name,
          points: kb.content.talkingPoints.general ?? [],
          audiencePoints: audience === 'general' ? [] : (kb.content.talkingPoints[audience] ?? []),
          version: kb.version,
        },
      ];
    const ft = fraudType(code);
    if (!ft) return [];
    return [
      {
        fraudType: code,
        name: ft.name,
        points: ft.talkingPoints,
        audiencePoints: [...extra.all, ...(extra.byType?.[code] ?? [])],
        version: null,
      },
    ];
  });
}

/** Guess the audience from age and occupation (registry or ID number); the officer can change it on the page. */
export function audienceOf(p: { age?: number | null; occupation?: string | null }): Audience {
  const o = p.occupation ?? '';
  if (/财务|会计|finance|accountant/.test(o)) return 'finance_staff';
  if (/学生|student/.test(o) || (p.age != null && p.age < 23)) return 'student';
  if (p.age != null && p.age >= 60) return 'elderly';
  return 'general';
}

export const knownTypes = () => FRAUD_TYPES.map((t) => t.code);
