import { describe, expect, it } from 'vitest';
import { parsePaymentText } from './payment-text.ts';

const NOW = Date.parse('2026-12-02T10:00:00+08:00');

describe('parsePaymentText: bank SMS and statement lines → payment fields', () => {
  it('ICBC outgoing transfer SMS with counterpart name and account', () => {
    expect(
      parsePaymentText(
        '【中国工商银行】您尾号1234卡12月2日09:35网上银行支出(跨行汇款)30,000.00元，余额1,234.56元。对方户名：王五，对方账户：6228 4800 0000 0000 000。',
        NOW,
      ),
    ).toEqual({
      paidAt: '2026-12-02T09:35:00+08:00',
      amount: 30000,
      toAccount: '6228480000000000000',
      toName: '王五',
      fromBank: '中国工商银行',
      fromAccountTail: '1234',
      channel: 'mobile_banking',
    });
  });

  it('CCB SMS with 时/分 and 人民币, name after 向', () => {
    expect(
      parsePaymentText(
        '【建设银行】您尾号5678的储蓄卡12月1日20时05分向李强跨行转出支出人民币5000.00元，活期余额12.00元。',
        NOW,
      ),
    ).toMatchObject({
      paidAt: '2026-12-01T20:05:00+08:00',
      amount: 5000,
      toName: '李强',
      fromAccountTail: '5678',
      fromBank: '建设银行',
    });
  });

  it('a statement CSV line with a full date, a negative amount and the bank in a column', () => {
    expect(
      parsePaymentText('2026-11-30 14:35:10,转账支出,-12000.50,1234.56,王五,6222021234567890128,中国工商银行', NOW),
    ).toEqual({
      paidAt: '2026-11-30T14:35:10+08:00',
      amount: 12000.5,
      toAccount: '6222021234567890128',
      toBank: '中国工商银行',
      channel: 'bank_transfer',
    });
  });

  it('labelled bank of the receiving side; the balance is never taken for the amount', () => {
    const p = parsePaymentText(
      '您账户余额8,888.00元。2026年12月01日 08:01 转账汇款 金额：2,000元 收款人：张伟 收款账号：6217 0000 1111 2222 333 收款银行：中国建设银行',
      NOW,
    );
    expect(p).toMatchObject({
      amount: 2000,
      toName: '张伟',
      toAccount: '6217000011112222333',
      toBank: '中国建设银行',
      paidAt: '2026-12-01T08:01:00+08:00',
    });
  });

  it('payment platforms: Alipay and WeChat set the channel', () => {
    expect(parsePaymentText('支付宝 2026-12-01 12:00 转账到 王五 -3,000.00', NOW)).toMatchObject({
      channel: 'alipay',
      amount: 3000,
    });
    expect(parsePaymentText('微信支付 12月1日 13:00 向赵六转账 800.00元', NOW)).toMatchObject({
      channel: 'wechat_pay',
      amount: 800,
      toName: '赵六',
    });
  });

  it('a date without a year: this year, or last year when it would be ahead of now', () => {
    expect(parsePaymentText('12月31日23:50支出100元', Date.parse('2027-01-01T09:00:00+08:00')).paidAt).toBe(
      '2026-12-31T23:50:00+08:00',
    );
    expect(parsePaymentText('1月1日08:00支出100元', Date.parse('2027-01-01T09:00:00+08:00')).paidAt).toBe(
      '2027-01-01T08:00:00+08:00',
    );
  });

  it('impossible dates and empty text give nothing rather than garbage', () => {
    expect(parsePaymentText('2月30日10:00支出100元', NOW).paidAt).toBeUndefined();
    expect(parsePaymentText('', NOW)).toEqual({});
    expect(parsePaymentText('你好', NOW)).toEqual({});
  });

  it('a card tail (尾号1234) or a phone number is not the receiving account', () => {
    const p = parsePaymentText('您尾号1234卡支出500元，客服电话95588', NOW);
    expect(p.toAccount).toBeUndefined();
    expect(p.amount).toBe(500);
  });
});
