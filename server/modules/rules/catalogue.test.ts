import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../engine/index.ts';
import { DEFAULT_CONFIG } from '../engine/index.ts';
import { builtinRules, GLOBAL_CONFIG_SECTIONS, readRuleCode, RULE_DOCS } from './catalogue.ts';
import { changedPaths } from './diff.ts';
import { fieldLabel } from '../../../web/src/features/rules/i18n.ts';

describe('rule catalogue', () => {
  it('describes no rule the engine does not have', () => {
    const ids = new Set(BUILTIN_RULES.map((r) => r.id));
    expect(Object.keys(RULE_DOCS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('describes every engine rule in Chinese and English (the English UI shows no untranslated rule)', () => {
    const missing = BUILTIN_RULES.map((r) => r.id).filter(
      (id) => !RULE_DOCS[id]?.description || !RULE_DOCS[id]?.en?.title || !RULE_DOCS[id]?.en?.description,
    );
    expect(missing).toEqual([]);
    for (const r of builtinRules()) expect(r.titleEn, r.id).not.toMatch(/[\u4e00-\u9fa5]/);
  });

  it('reads config sections and fraud types off the rule code', () => {
    function sample(this: unknown, cfg: typeof DEFAULT_CONFIG) {
      return cfg.loans.minCount > 1 ? ['fake_loan', 'not_a_code'] : cfg.keyword.weight;
    }
    expect(readRuleCode(sample)).toEqual({ config: ['loans', 'keyword'], fraudTypes: ['fake_loan'] });
  });

  it('every engine rule reads only existing config sections, and every section is used or global', () => {
    const rules = builtinRules();
    expect(rules.map((r) => r.id)).toEqual(BUILTIN_RULES.map((r) => r.id));
    for (const r of rules) {
      expect(r.configSections.length, r.id).toBeGreaterThan(0);
      for (const s of r.configSections) expect(DEFAULT_CONFIG, `${r.id} reads ${s}`).toHaveProperty(s);
    }
    const used = new Set([...GLOBAL_CONFIG_SECTIONS, 'version', ...rules.flatMap((r) => r.configSections)]);
    expect(Object.keys(DEFAULT_CONFIG).filter((k) => !used.has(k))).toEqual([]);
    expect(rules.find((r) => r.id === 'call_then_transfer')!.configSections).toContain('callThenTransfer');
  });
});

describe('configuration page labels', () => {
  it('names every config section and field in Chinese and English (no raw keys on the form)', () => {
    const missing: string[] = [];
    for (const [k, v] of Object.entries(DEFAULT_CONFIG)) {
      if (k === 'version') continue;
      if (fieldLabel('en-US', k) === k || fieldLabel('zh-CN', k) === k) missing.push(k);
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const f of Object.keys(v))
          if (fieldLabel('en-US', k, f) === f || fieldLabel('zh-CN', k, f) === f) missing.push(`${k}.${f}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('changedPaths', () => {
  it('lists leaf paths that differ', () => {
    expect(changedPaths({ a: { b: 1, c: [1] }, d: 2 }, { a: { b: 2, c: [1] }, d: 2, e: 1 })).toEqual(['/a/b', '/e']);
    expect(changedPaths({ a: [1, 2] }, { a: [1, 3] })).toEqual(['/a']);
  });
});
