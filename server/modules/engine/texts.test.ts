// Every rule hit carries its reason as a code with facts (contract/texts.ts) beside the Chinese, so the web app
// can say it in English; the codes are the contract's and name the rule that fired.
import { describe, expect, it } from 'vitest';
import { SERVER_TEXT_CODES } from '../../../contract/texts.ts';
import { storyHits } from './testing/stories.ts';

describe('rule hit texts', () => {
  const hits = storyHits();

  it('the stories make many rules fire', () => {
    expect(new Set(hits.map((h) => h.ruleId)).size).toBeGreaterThanOrEqual(10);
  });

  it("each hit's reason has a contract code of its own rule, with the facts as parameters", () => {
    for (const h of hits) {
      expect(h.text, h.ruleId).toBeDefined();
      expect(SERVER_TEXT_CODES as readonly string[], h.ruleId).toContain(h.text!.code);
      expect(h.text!.code.startsWith(`hit.${h.ruleId.replace(/^script_text$/, 'script_')}`), h.text!.code).toBe(true);
      for (const v of Object.values(h.text!.params)) expect(['string', 'number']).toContain(typeof v);
    }
    const transfer = hits.find((h) => h.ruleId === 'call_then_transfer')!;
    expect(transfer.text).toMatchObject({
      code: 'hit.call_then_transfer',
      params: { account: '6230000000009999', amount: 80_000, suspicious: 1 },
    });
    const alert = hits.find((h) => h.ruleId === 'partner_alert')!;
    expect(alert.text).toMatchObject({ params: { partner: 'bank', amount: 1_100_000 } });
  });
});
