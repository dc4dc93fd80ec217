import { describe, expect, it } from 'vitest';
import { ALERT_TYPE_PHRASES, FRAUD_TYPES, SCRIPT_PHRASES, fraudType, fraudTypeRef } from './index.ts';

describe('fraud-type catalogue', () => {
  it('has the ten MPS 2024 types plus 机票退改签 and 裸聊敲诈, with unique codes and valid parents', () => {
    expect(FRAUD_TYPES.filter((t) => t.listVersion === 'mps-2024')).toHaveLength(10);
    const names = FRAUD_TYPES.map((t) => t.name);
    for (const n of ['刷单返利', '虚假网络投资理财', '冒充公检法及政府机关', '虚假征信', '机票退改签', '裸聊敲诈'])
      expect(names).toContain(n);
    expect(new Set(FRAUD_TYPES.map((t) => t.code)).size).toBe(FRAUD_TYPES.length);
    for (const t of FRAUD_TYPES) if (t.parent) expect(fraudType(t.parent)).toBeDefined();
  });
  it('every type has talking points and script phrases; phrase lists only name known types', () => {
    for (const t of FRAUD_TYPES) {
      expect(t.talkingPoints.length).toBeGreaterThan(0);
      expect(SCRIPT_PHRASES[t.code]?.length ?? 0).toBeGreaterThan(0);
    }
    for (const code of [...Object.keys(SCRIPT_PHRASES), ...Object.keys(ALERT_TYPE_PHRASES)]) {
      if (code !== 'common') expect(fraudType(code), code).toBeDefined();
    }
  });
  it('the phrase "安全账户" never appears as advice: talking points say there is none', () => {
    expect(fraudType('impersonate_authority')!.talkingPoints.join('')).toContain('没有所谓“安全账户”');
    expect(fraudTypeRef('no_such')).toEqual({ code: 'no_such', name: 'no_such' });
  });
});
