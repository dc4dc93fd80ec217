import { describe, expect, it } from 'vitest';
import { checkPhoto, photoType, wechatGroupText, PHOTO_MAX_BYTES } from './channels.ts';
import { checkSmsText } from './effect.ts';

describe('WeChat group text', () => {
  it('speaks to the audience about the type, with no links', () => {
    const t = wechatGroupText({
      fraudType: 'brushing_rebate',
      fraudTypeName: '刷单返利',
      ageBand: '18_40',
      occupation: 'student',
      unitName: '城北社区',
    });
    expect(t).toContain('同学们');
    expect(t).toContain('刷单返利');
    expect(t).toContain('96110');
    expect(checkSmsText(t.slice(0, 300))).toBeNull();
    const elderly = wechatGroupText({
      fraudType: 'impersonate_authority',
      fraudTypeName: '冒充公检法',
      ageBand: 'over_65',
      unitName: '城东社区',
    });
    expect(elderly).toContain('爷爷奶奶');
    expect(elderly).toContain('安全账户');
    expect(elderly).not.toMatch(/https?:|www\./);
  });
});

describe('talk photos', () => {
  it('tells the type by the bytes and limits the size', () => {
    expect(photoType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(photoType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(photoType(new TextEncoder().encode('RIFF1234WEBPVP8 '))).toBe('image/webp');
    expect(checkPhoto(new TextEncoder().encode('<svg onload=alert(1)>'))).toMatch(/JPEG/);
    expect(checkPhoto(new Uint8Array(0))).toBe('empty file');
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkPhoto(big)).toMatch(/MB/);
  });
});
