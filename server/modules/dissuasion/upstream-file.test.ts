import { describe, expect, it } from 'vitest';
import { warningsFromTable } from './upstream-file.ts';

describe('warningsFromTable (upstream CSV/XLSX push)', () => {
  it('reads Chinese or English headers, levels in either language, and splits the lists', () => {
    const { items, rejected } = warningsFromTable([
      {
        rowNumber: 2,
        values: {
          级别: '高',
          姓名: '张三',
          手机号: '13800138000',
          诈骗类型: 'impersonation；investment, loan',
          线索: '转账 5 万; 屏幕共享',
          编号: 'NAT-1',
        },
      },
      { rowNumber: 3, values: { Level: 'low', Phone: '13900139000', Summary: '夜间大额', fraud_types: '' } },
    ]);
    expect(rejected).toEqual([]);
    expect(items).toEqual([
      {
        level: 'high',
        fraudTypes: ['impersonation', 'investment', 'loan'],
        subject: { name: '张三', phone: '13800138000' },
        leads: ['转账 5 万', '屏幕共享'],
        externalId: 'NAT-1',
      },
      { level: 'low', fraudTypes: [], subject: { phone: '13900139000' }, leads: [], summary: '夜间大额' },
    ]);
  });

  it('rejects an unknown or missing level with the file row number, keeping the other rows', () => {
    const { items, rejected } = warningsFromTable([
      { rowNumber: 2, values: { 级别: '特高', 手机号: '13800138000' } },
      { rowNumber: 3, values: { 级别: '中', 手机号: '13800138001' } },
      { rowNumber: 4, values: { 手机号: '13800138002' } },
    ]);
    expect(items.map((i) => i.subject.phone)).toEqual(['13800138001']);
    expect(rejected).toEqual([
      { row: 2, ok: false, error: '级别 must be 高/中/低 or high/medium/low' },
      { row: 4, ok: false, error: '级别 must be 高/中/低 or high/medium/low' },
    ]);
  });
});
