import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../contract/access.ts';
import { ROLE_VALUES, TOKEN_SCOPE_VALUES, UNIT_KIND_VALUES } from '../../contract/access.ts';
import { ALLOWED_PARENTS as SERVER_ALLOWED_PARENTS } from '../../server/modules/org/rules.ts';
import { ApiError, buildUrl, purposeHeader } from '../../web/src/api/client.ts';
import { ERROR_EN, ERROR_ZH, errorText } from '../../web/src/api/errorText.ts';
import { versionName } from '../../web/src/features/warnings/ConfigDrawer.tsx';
import { formatRemaining, reasonText, systemText, taskText } from '../../web/src/features/warnings/i18n.ts';
import { reviewTitle, stepDetail } from '../../web/src/features/reviews/i18n.ts';
import { caseTimelineText } from '../../web/src/features/cases/i18n.ts';
import { DESK_ITEMS, FIELD_CHECKLIST } from '../../server/modules/dissuasion/store.ts';
import { SERVER_TEXT_EN, SERVER_TEXT_ZH, serverText, serverTexts } from '../../web/src/features/warnings/serverText.ts';
import { SERVER_TEXT_CODES } from '../../contract/texts.ts';
import { storyHits } from '../../server/modules/engine/testing/stories.ts';
import { buildUnitTree } from '../../web/src/features/admin/units/tree.ts';
import { en } from '../../web/src/i18n/en.ts';
import { translate } from '../../web/src/i18n/index.tsx';
import { zh } from '../../web/src/i18n/zh.ts';
import { firstChildPath, MENU, selectedKey, visibleMenu } from '../../web/src/layout/menu.tsx';
import { ALLOWED_PARENTS, childKinds, ROLES, TOKEN_SCOPES, UNIT_KINDS } from '../../web/src/shared/domain.ts';

// Pure logic of the web client, run by the `unit` project (it lives here because test/e2e is the web's test
// folder; the e2e file beside it drives the same code through a browser).

const unit = (id: string, parentId: string | null, name: string, code: string | null = null): Unit => ({
  id,
  parentId,
  kind: 'station',
  code,
  name,
  path: `/${id}/`,
});

describe('unit tree', () => {
  it('nests children under parents and makes units whose parent is out of sight roots', () => {
    const tree = buildUnitTree([
      unit('c', 'b', '西湖派出所'),
      unit('b', 'hidden', '西湖区', '330106'),
      unit('d', 'b', '北山派出所'),
      unit('x', null, '平台'),
    ]);
    expect(tree.map((n) => n.unit.id).sort()).toEqual(['b', 'x']);
    const district = tree.find((n) => n.unit.id === 'b')!;
    expect(district.children.map((n) => n.unit.name)).toEqual(['北山派出所', '西湖派出所']);
  });
});

describe('menu', () => {
  const labels = (entries: ReturnType<typeof visibleMenu>) =>
    entries.flatMap((e) => [e.label, ...(e.children ?? []).map((c) => c.label)]);

  it('shows administration only to users who may administer, and each module to those who may use it', () => {
    const officerPerms = [
      'residents:read',
      'warnings:read',
      'stats:read',
      'desk:write',
      'cases:read',
      'orders:read',
      'prevention:read',
      'cards:read',
    ];
    const officer = visibleMenu((p) => officerPerms.includes(p));
    expect(labels(officer)).not.toContain('menu.admin');
    expect(labels(officer)).toContain('menu.desk');
    // figures only for those who may read them (a bank liaison has no statistics, no cases)
    const bank = labels(visibleMenu((p) => p === 'orders:read' || p === 'orders:write'));
    expect(bank).not.toContain('menu.statistics');
    expect(bank).not.toContain('menu.cases');
    expect(bank).toContain('menu.funds');
    for (const m of [
      'menu.warnings',
      'menu.cases',
      'menu.funds',
      'menu.analysis',
      'menu.prevention',
      'menu.twoCards',
      'menu.statistics',
    ] as const) {
      expect(labels(officer)).toContain(m);
    }
    const auditor = visibleMenu((p) => p === 'audit:read');
    const admin = auditor.find((e) => e.label === 'menu.admin');
    expect(admin?.children?.map((c) => c.label)).toEqual(['menu.audit']);
  });

  it('collapses a group whose only visible child is its own page', () => {
    const funds = visibleMenu((p) => p === 'orders:read').find((e) => e.label === 'menu.funds')!;
    expect(funds.children).toBeUndefined();
    expect(visibleMenu(() => true).find((e) => e.label === 'menu.analysis')!.children).toHaveLength(3);
  });

  it('has no "建设中" placeholder entries: a group address opens its first usable page', () => {
    const all = MENU.flatMap((e) => [e, ...(e.children ?? [])]);
    expect(all.map((e) => e.label)).not.toContain('menu.analysisHome');
    expect(firstChildPath((p) => p === 'graph:read', '/analysis')).toBe('/analysis/graph');
    expect(firstChildPath((p) => p === 'indicators:read', '/analysis')).toBe('/analysis/indicators');
    expect(firstChildPath(() => false, '/analysis')).toBe('/');
  });

  it('opens 研判分析 to indicators and rules for those who may read them', () => {
    const analyst = visibleMenu((p) => ['indicators:read', 'warnings:read'].includes(p));
    expect(analyst.find((e) => e.label === 'menu.analysis')!.children!.map((c) => c.label)).toEqual([
      'menu.indicators',
      'menu.rules',
    ]);
    const bank = visibleMenu((p) => p === 'orders:read');
    expect(bank.find((e) => e.label === 'menu.analysis')).toBeUndefined();
  });

  it('highlights the deepest matching entry', () => {
    expect(selectedKey('/prevention/residents', MENU)).toBe('/prevention/residents');
    expect(selectedKey('/admin/users', MENU)).toBe('/admin/users');
    expect(selectedKey('/nowhere', MENU)).toBe('/');
  });
});

describe('i18n', () => {
  it('has the same keys in both languages and fills placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(translate('zh-CN', 'login.locked', { min: 15 })).toContain('15 分钟');
    expect(translate('en-US', 'common.total', { n: 3 })).toBe('3 in total');
  });
});

describe('mirrors of the contract and the server rules', () => {
  it('lists the same roles, unit kinds and token scopes as the contract', () => {
    expect([...ROLES]).toEqual([...ROLE_VALUES]);
    expect([...UNIT_KINDS]).toEqual([...UNIT_KIND_VALUES]);
    expect([...TOKEN_SCOPES]).toEqual([...TOKEN_SCOPE_VALUES]);
  });

  it('offers exactly the child kinds the server accepts', () => {
    expect(ALLOWED_PARENTS).toEqual(SERVER_ALLOWED_PARENTS);
    expect(childKinds('district')).toEqual(['station', 'bank', 'telecom', 'logistics', 'school']);
    expect(childKinds('bank_branch')).toEqual([]);
  });
});

describe('api client helpers', () => {
  it('skips empty query values and percent-encodes the purpose', () => {
    expect(buildUrl('/api/v1/users', { q: '', role: 'admin', unitId: undefined, page: 2 })).toBe(
      '/api/v1/users?role=admin&page=2',
    );
    expect(purposeHeader('核查 预警')).toEqual({ 'X-Purpose': encodeURIComponent('核查 预警') });
    expect(purposeHeader(undefined)).toEqual({});
  });
});

describe('server errors in the UI language', () => {
  const serverCodes = [
    ...fs
      .readFileSync(path.resolve(import.meta.dirname, '../../server/platform/errors.ts'), 'utf8')
      .matchAll(/^\s*\| '([a-z_]+)'/gm),
  ].map((m) => m[1]!);

  it('every error code the server can answer has Chinese and English words', () => {
    expect(serverCodes).toContain('forbidden');
    expect(serverCodes.length).toBeGreaterThan(10);
    for (const code of [...serverCodes, 'internal', 'network', 'bad_request']) {
      expect(ERROR_ZH[code], code).toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_EN[code], code).toBeTruthy();
    }
  });

  it("a leader's 403 reads in Chinese, not the server's English", () => {
    const zhText = errorText('forbidden', 'requires permission warnings:write', 403, undefined, 'zh-CN');
    expect(zhText).toBe('无权执行此操作');
    expect(errorText('forbidden', 'requires permission warnings:write', 403, undefined, 'en-US')).toContain(
      'requires permission warnings:write',
    );
    // a reason the server already wrote in Chinese is kept
    expect(errorText('illegal_transition', '须先签收', 409, undefined, 'zh-CN')).toContain('须先签收');
    expect(errorText('something_new', 'x', 400, undefined, 'zh-CN')).toContain('something_new');
    expect(new ApiError(403, 'forbidden', 'requires permission warnings:write').serverMessage).toBe(
      'requires permission warnings:write',
    );
  });

  it('a countdown at its deadline reads 00:00, never -00:00', () => {
    expect(formatRemaining(-400)).toBe('00:00');
    expect(formatRemaining(-65_000)).toBe('-01:05');
    expect(formatRemaining(3_725_000)).toBe('1:02:05');
  });

  it('the SLA version is named in words', () => {
    const t = (k: string, v?: Record<string, string | number>) => `${k}${v ? JSON.stringify(v) : ''}`;
    expect(versionName('sla-default-1', t)).toBe('configBuiltin');
    expect(versionName('sla-7', t)).toBe('configSeq{"n":"7"}');
  });
});

describe("the server's English reasons in the Chinese UI", () => {
  it('reads level raised to 高 and the timers in Chinese, and leaves English as written', () => {
    expect(reasonText('level raised to 高', 'zh-CN')).toBe('等级升为高');
    expect(reasonText('review deadline passed (复核超时)', 'zh-CN')).toBe('复核超时');
    expect(reasonText('auto-contact deadline passed', 'zh-CN')).toBe('自动联系超时');
    expect(reasonText('督办', 'zh-CN')).toBe('督办');
  });
  it('reads them in English in the English UI: no Chinese left in the reasons the workflow writes', () => {
    expect(reasonText('level raised to 高', 'en-US')).toBe('level raised to High');
    expect(reasonText('sign-for deadline passed (签收超时)', 'en-US')).toBe('sign-for deadline passed');
    expect(reasonText('auto-contact deadline passed', 'en-US')).toBe('auto-contact deadline passed');
    expect(reasonText('预警后被骗：曾预警对象已被骗', 'en-US')).toMatch(/^Warned, then defrauded/);
    expect(reasonText('同一人的预警已合并，请在预警 w-1 继续处置', 'en-US')).toBe(
      "This person's warnings were merged: continue in warning w-1",
    );
    expect(reasonText('督办', 'en-US')).toBe('督办'); // a person's words stay as written
    expect(taskText('申请紧急止付（损失 5000 元）', 'en-US')).toBe('Request an urgent stop-payment (loss CNY 5000)');
    expect(taskText('上门劝阻（见面核实）', 'zh-CN')).toBe('上门劝阻（见面核实）');
    for (const item of [...FIELD_CHECKLIST, ...DESK_ITEMS])
      expect(taskText(item, 'en-US'), item).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("the server's generated texts by their codes (contract/texts.ts)", () => {
  const CJK = /[\u4e00-\u9fff]/;
  const hits = storyHits();

  it('every code the server writes has Chinese and English words', () => {
    for (const code of SERVER_TEXT_CODES) {
      expect(SERVER_TEXT_ZH[code], code).toBeTypeOf('function');
      expect(SERVER_TEXT_EN[code], code).toBeTypeOf('function');
      expect(SERVER_TEXT_ZH[code]({}), code).toMatch(CJK);
      expect(SERVER_TEXT_EN[code]({}), code).toMatch(/[A-Za-z]/);
    }
  });

  it('the Chinese table says what the engine stored, word for word; the English one has no Chinese of its own', () => {
    expect(hits.length).toBeGreaterThan(10);
    for (const h of hits) {
      const code = h.text!.code as (typeof SERVER_TEXT_CODES)[number];
      // the stored Chinese also names the strongest earlier contact, which the code leaves out
      if (code !== 'hit.contact_then_money') expect(SERVER_TEXT_ZH[code](h.text!.params), code).toBe(h.reason);
      const en = serverText(h.text, h.reason, 'en-US');
      // what people or lists wrote travels untranslated (a list of words is one parameter, joined by 、)
      const values = Object.values(h.text!.params)
        .flatMap((v) => String(v).split('、'))
        .sort((a, b) => b.length - a.length);
      const withoutParams = values.reduce<string>((t, v) => t.split(v).join(''), en);
      expect(withoutParams, `${code}: ${en}`).not.toMatch(CJK);
    }
  });

  it('in English a generated reason and summary read in English; in Chinese as stored; old rows as stored', () => {
    const transfer = hits.find((h) => h.ruleId === 'call_then_transfer')!;
    expect(serverText(transfer.text, transfer.reason, 'en-US')).toMatch(
      /^A suspicious call \(45 min\), then within 15 min after it, CNY 80,000 sent to the never-paid account 6230000000009999$/,
    );
    expect(serverText(transfer.text, transfer.reason, 'zh-CN')).toBe(transfer.reason);
    expect(serverText(undefined, '人工写的摘要', 'en-US')).toBe('人工写的摘要');
    expect(serverText({ code: 'hit.from_the_future', params: {} }, '新的原因', 'en-US')).toBe('新的原因');
    const summary = [{ code: 'summary.manual', params: {} }];
    expect(serverTexts(summary, '人工录入预警', 'en-US')).toBe('Warning entered by hand');
    expect(serverTexts(summary, '人工录入预警', 'zh-CN')).toBe('人工录入预警');
    expect(serverTexts(null, '对象自述被骗', 'en-US')).toBe('对象自述被骗');
    // a summary written from a person's report: the frame translated, the person's words as they are
    const reported = { code: 'summary.reported_loss', params: { channel: 'public', loss: 12800, note: '刷单返利' } };
    expect(serverText(reported, null, 'zh-CN')).toBe('群众举报：自述被骗 12800 元。刷单返利');
    expect(serverText(reported, '群众举报：自述被骗 12800 元。刷单返利', 'en-US')).toBe(
      'Public report: says they were defrauded of CNY 12,800. 刷单返利',
    );
    const desk = { code: 'summary.desk_call', params: { question: '有人让我下载会议软件' } };
    expect(serverText(desk, null, 'zh-CN')).toBe('96110 来电：有人让我下载会议软件');
    expect(serverText(desk, null, 'en-US')).toBe('96110 call: 有人让我下载会议软件');
  });
});

describe("a review's time line and title as the server writes them (reviews/service.ts)", () => {
  it("read in English by step; the Chinese UI reads the codes in Chinese; names and people's words as written", () => {
    expect(stepDetail('warning_opened', '高 · 冒充电商物流客服、刷单返利', 1)).toBe(
      'High · Fake customer service, Task / rebate scam',
    );
    expect(stepDetail('warning_opened', '高 · 冒充电商物流客服', 0)).toBe('高 · 冒充电商物流客服');
    expect(stepDetail('visit', 'not reached', 1)).toBe('not reached');
    expect(stepDetail('visit', 'not reached', 0)).toBe('未见面');
    expect(stepDetail('closed', 'defrauded', 0)).toBe('已被骗');
    expect(stepDetail('closed', 'false_alarm', 1)).toBe('False alarm');
    expect(stepDetail('loss', '预警后被骗', 1)).toBe('defrauded after the warning');
    expect(stepDetail('loss', '¥12800', 1)).toBe('¥12800');
    expect(stepDetail('reopened', 'level raised to 高', 0)).toBe('等级升为高');
    expect(stepDetail('case_reported', 'A2026-0001', 1)).toBe('A2026-0001');
    expect(reviewTitle('预警 1a2b3c4d 复盘', 1)).toBe('Review of warning 1a2b3c4d');
    expect(reviewTitle('A2026-0001 复盘', 1)).toBe('Review of A2026-0001');
    expect(reviewTitle('A2026-0001 复盘', 0)).toBe('A2026-0001 复盘');
    expect(reviewTitle('三月份电诈复盘会', 1)).toBe('三月份电诈复盘会');
  });
});

describe("a case's time line as the server writes it (cases/service.ts)", () => {
  it('reads stages, payments and suspect roles in English; names, accounts and reasons as written', () => {
    const stage = { kind: 'stage.not_filed', text: '不予立案：金额未达标准' };
    expect(caseTimelineText(stage, 'en-US')).toMatch(/^[A-Za-z][^：]*: 金额未达标准$/);
    expect(caseTimelineText(stage, 'zh-CN')).toBe('不予立案：金额未达标准');
    expect(caseTimelineText({ kind: 'stage.reported', text: '接警' }, 'en-US')).toMatch(/^[A-Za-z ]+$/);
    expect(caseTimelineText({ kind: 'stage.reported', text: '接警：预警转案（已被骗）：被骗了' }, 'en-US')).toMatch(
      /: Case from a warning \(defrauded\): 被骗了$/,
    );
    expect(caseTimelineText({ kind: 'payment', text: '转账 ¥5000 → 某银行 6222****0128' }, 'en-US')).toBe(
      'Transfer ¥5000 → 某银行 6222****0128',
    );
    expect(caseTimelineText({ kind: 'suspect', text: '卡商 张*' }, 'en-US')).toMatch(/^[A-Za-z][A-Za-z /-]* 张\*$/);
    expect(caseTimelineText({ kind: 'evidence.collected', text: '截图.png' }, 'en-US')).toBe('截图.png');
  });
});

describe('a hand-over no unit covers', () => {
  it("reads the reason it was handed over for in the reader's language, then that no unit covers the subject", () => {
    const timer = 'review deadline passed (复核超时), no unit covers the subject';
    expect(reasonText(timer, 'en-US')).toBe('review deadline passed, no unit covers the subject');
    expect(reasonText(timer, 'zh-CN')).toBe('复核超时，无对应单位');
    expect(reasonText('level raised to 高, no unit covers the subject', 'en-US')).toBe(
      'level raised to High, no unit covers the subject',
    );
    expect(reasonText('level raised to 高, no unit covers the subject', 'zh-CN')).toBe('等级升为高，无对应单位');
    expect(reasonText('对象已搬走, no unit covers the subject', 'zh-CN')).toBe('对象已搬走，无对应单位');
    // an automatic call's result by the contact records' words for it
    expect(reasonText('auto-contact answered_help, no unit covers the subject', 'zh-CN')).toBe(
      '自动联系结果：接听·按2求助，无对应单位',
    );
    expect(reasonText('auto-contact no_answer', 'en-US')).toBe('auto-contact result: No answer');
    expect(reasonText('auto-contact something_new', 'zh-CN')).toBe('自动联系结果：something_new');
  });
});

describe("the workflow's notes, leads and case summaries around a person's words", () => {
  it('read in English by their frames, nested frames too; the words inside and the Chinese UI unchanged', () => {
    const caseSummary =
      '预警转案（已被骗）：群众举报（待核实）：举报account 6222：刷单返利\n（原请求：96110 来电（待核实）：被骗了）';
    expect(systemText(caseSummary, 'zh-CN')).toBe(caseSummary);
    expect(systemText(caseSummary, 'en-US')).toBe(
      'Case from a warning (defrauded): Public report (to be verified): Reported account 6222：刷单返利\n' +
        '(original request: 96110 call (to be verified): 被骗了)',
    );
    expect(systemText('群众举报（待核实）：举报号码 13912348888：冒充客服', 'en-US')).toBe(
      'Public report (to be verified): Reported number 13912348888：冒充客服',
    );
    expect(systemText('同一人的预警，合并至 w-123', 'en-US')).toBe("Same person's warning, merged into w-123");
    expect(systemText('预警已重新打开：level raised to 高', 'en-US')).toBe(
      'The warning was reopened: level raised to High',
    );
    expect(systemText('预警已重新打开', 'en-US')).toBe('The warning was reopened');
    expect(systemText('群众举报 r-9', 'en-US')).toBe('Public report r-9');
    expect(systemText('96110 来电记录 d-1', 'en-US')).toBe('96110 call record d-1');
    expect(systemText('自述损失 12800 元', 'en-US')).toBe('Self-reported loss CNY 12,800');
    expect(systemText('上级编号: U-7', 'en-US')).toBe('Upstream ref: U-7');
    expect(systemText('来源编号: r-9', 'en-US')).toBe('Source ref: r-9');
    expect(systemText('民警自己写的备注', 'en-US')).toBe('民警自己写的备注');
    expect(systemText(null, 'en-US')).toBe('');
  });
});

describe('the fraud-type catalogue in force', () => {
  it('renames the built-in types in place and appends types new in the knowledge base', async () => {
    const { FRAUD_TYPES, applyCatalogue } = await import('../../web/src/features/indicators/i18n.ts');
    const before = FRAUD_TYPES.length;
    const saved = FRAUD_TYPES.map((r) => [...r] as [string, string, string]);
    try {
      applyCatalogue([
        { code: 'fake_loan', name: '虚假网络贷款', nameEn: 'Fake online loan' },
        { code: 'fake_charity', name: '虚假公益募捐', nameEn: '' },
      ]);
      expect(FRAUD_TYPES.find(([c]) => c === 'fake_loan')).toEqual(['fake_loan', '虚假网络贷款', 'Fake online loan']);
      expect(FRAUD_TYPES.find(([c]) => c === 'fake_charity')).toEqual(['fake_charity', '虚假公益募捐', '虚假公益募捐']);
      expect(FRAUD_TYPES).toHaveLength(before + 1);
    } finally {
      FRAUD_TYPES.splice(0, FRAUD_TYPES.length, ...saved);
    }
  });
});
