// The script classifier on texts written for this test only (not in the corpus, and with no phrase of the
// lexicon: it must generalise from words), on ordinary notices that look risky, and its cross-validation floor.
import { describe, expect, it } from 'vitest';
import {
  FRAUD_TYPES,
  SCRIPT_PHRASES,
  classifyText,
  crossValidate,
  readCorpus,
  scriptClassifier,
  trainScriptModel,
  trainWith,
} from './index.ts';

const SCRIPTS: [string, string][] = [
  ['brushing_rebate', '在家用手机帮网店收藏商品，每收藏一件奖励两元，做满十件立刻发红包'],
  ['fake_investment', '群里的分析老师今天又推荐了一只票，跟进的同学都赚了，新人入金五万起步'],
  ['fake_shopping', '这台相机九成新，半价给你，别在软件上下单了，直接打款给我，明天寄出'],
  ['fake_customer_service', '您好，我是网店售后，您买的东西有质量问题，我们赔您三倍，请按我说的操作'],
  ['fake_loan', '不用看信用记录，凭身份证就能借五万，十分钟打款到卡上'],
  ['fake_credit', '你读大学时开过的学生借款账号还没关，不处理的话会拉低你的信用分'],
  ['impersonate_acquaintance', '小周，我是你们陈总，原来的号码不用了，这个是我现在的号'],
  ['impersonate_authority', '这里是刑侦支队，有人冒用你的身份参与跨境赌博，你要配合核查名下全部存款'],
  ['online_romance', '亲爱的，等我们在这个平台攒够了钱就结婚，你也来一起投一点吧'],
  ['game_trade', '顶级号出售，坐骑皮肤全齐，官方抽成高，我们私聊成交'],
  ['ticket_refund', '旅客您好，您明天的航班因飞机故障停飞，我们为您安排改期并补偿，请联系专员'],
  ['sextortion', '刚才和你视频的画面都录下来了，你亲友的电话我都有，给钱就删'],
];
const NOTICES = [
  '【京东】您的售后申请已通过，退款88元将原路返回，请留意。',
  '【支付宝】校验码739102，您正在修改密码，切勿告知他人。',
  '【美团】红包已到账，满30减15，点击 https://i.meituan.com 下单。',
  '【中通快递】您的包裹已到驿站，凭取件码5-3-2211领取。',
  '【招商银行】您尾号1234的信用卡账单已出，可在掌上生活APP还款。',
];

describe('script classifier', () => {
  it('types a script of each of the 12 types written without any lexicon phrase, and explains it with its words', () => {
    const phrases = Object.values(SCRIPT_PHRASES).flat();
    expect(new Set(SCRIPTS.map(([t]) => t))).toEqual(new Set(FRAUD_TYPES.map((t) => t.code)));
    const corpus = new Set(readCorpus('train').map((e) => e.text));
    for (const [type, text] of SCRIPTS) {
      expect(
        phrases.filter((p) => text.includes(p)),
        text,
      ).toEqual([]);
      expect(corpus.has(text)).toBe(false);
      const c = classifyText(text);
      expect(c.label, text).toBe(type);
      expect(c.words.length).toBeGreaterThan(0);
      for (const w of c.words) expect(text.toLowerCase()).toContain(w);
      expect(c.probabilities).toHaveLength(13);
      expect(c.probabilities.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 6);
    }
  });

  it('ordinary notices with links, codes, refunds and bills read as normal', () => {
    for (const text of NOTICES) {
      const c = classifyText(text);
      expect(c.label, text).toBe('normal');
      expect(c.p).toBeLessThan(0.5);
    }
  });

  it("the model version is a hash of its examples: deterministic, and officers' labels make a new version", () => {
    const a = trainWith([]),
      b = trainWith([]);
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^nb-[0-9a-f]{12}$/);
    const extra = { text: '点击领取国家补贴，输入银行卡号和密码即可到账', label: 'fake_customer_service' };
    const c = trainWith([extra]);
    expect(c.version).not.toBe(a.version);
    expect(c.examples).toBe(a.examples + 1);
    expect(() => trainScriptModel([{ text: 'x', label: 'no_such_type' }])).toThrow(/unknown label/);
    // a label an officer gave moves the model towards it
    const before = scriptClassifier(a)
      .classify(extra.text)
      .probabilities.find((x) => x.code === 'fake_customer_service')!.p;
    const after = scriptClassifier(c)
      .classify(extra.text)
      .probabilities.find((x) => x.code === 'fake_customer_service')!.p;
    expect(after).toBeGreaterThan(before);
  });

  it('5-fold cross-validation on the training corpus stays above a floor on every type', () => {
    const r = crossValidate(readCorpus('train'));
    expect(r.macroRecall).toBeGreaterThan(0.6);
    expect(r.macroPrecision).toBeGreaterThan(0.6);
    const normal = r.perLabel.find((m) => m.label === 'normal')!;
    expect(normal.recall).toBeGreaterThan(0.75); // ordinary texts stay ordinary
    for (const m of r.perLabel) expect(m.recall, m.label).toBeGreaterThan(0.3);
  }, 30_000);
});

describe('the held-out city and corpus stay apart from the training corpus', () => {
  it('no script text of the held-out city and no held-out corpus text is a training text', async () => {
    const { HELDOUT_SCRIPTS } = await import('../simulation/index.ts');
    const train = new Set(readCorpus('train').map((e) => e.text.replace(/\s+/g, '')));
    const held = [
      ...readCorpus('heldout').map((e) => e.text),
      ...HELDOUT_SCRIPTS.flatMap((s) =>
        s.steps.flatMap((x) => ('text' in x ? [x.text.replace(' {url}', '').replace(/，详情$/, '')] : [])),
      ),
    ];
    expect(held.length).toBeGreaterThan(60);
    for (const t of held) expect(train.has(t.replace(/\s+/g, '')), t).toBe(false);
  });
});
