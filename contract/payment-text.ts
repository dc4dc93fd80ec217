// A bank SMS or a statement line pasted into the intake form → the payment's fields. Pure (no I/O), shared by the
// web form and the server's tests. Recognises the usual shapes of Chinese bank notifications and app statements:
//   【中国工商银行】您尾号1234卡12月2日14:35网上银行支出(跨行汇款)30,000.00元，余额…。对方户名：王五，对方账户：6228…
//   2026-12-02 14:35:10,转账支出,-30000.00,1234.56,王五,6222021234567890128,中国工商银行
// Whatever it cannot find stays undefined: the officer types it. Times are China time (+08:00).

export interface ParsedPayment {
  paidAt?: string;
  amount?: number;
  toAccount?: string;
  toName?: string;
  toBank?: string;
  fromAccountTail?: string;
  /** the bank that sent the SMS (the victim's own bank) */
  fromBank?: string;
  channel?: 'bank_transfer' | 'mobile_banking' | 'atm' | 'counter' | 'alipay' | 'wechat_pay';
}

const pad = (n: number | string) => String(n).padStart(2, '0');
const toNumber = (s: string) => Number(s.replace(/[,，\s]/g, ''));

function chinaIso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const back = new Date(t + 8 * 3_600_000);
  if (back.getUTCDate() !== d) return undefined; // 2月30日
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

function findTime(text: string, now: number): string | undefined {
  const full =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:T|\s)*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?/.exec(
      text,
    );
  if (full) return chinaIso(+full[1]!, +full[2]!, +full[3]!, +full[4]!, +full[5]!, +(full[6] ?? 0));
  const short =
    /(\d{1,2})\s*[月/-]\s*(\d{1,2})\s*日?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?/.exec(text);
  if (short) {
    // no year: the most recent such date not after now (a December SMS pasted in January is last year's)
    const nowChina = new Date(now + 8 * 3_600_000);
    const y = nowChina.getUTCFullYear();
    let iso = chinaIso(y, +short[1]!, +short[2]!, +short[3]!, +short[4]!, +(short[5] ?? 0));
    if (iso && Date.parse(iso) > now + 24 * 3_600_000)
      iso = chinaIso(y - 1, +short[1]!, +short[2]!, +short[3]!, +short[4]!, +(short[5] ?? 0));
    return iso;
  }
  return undefined;
}

const MONEY = '([0-9][0-9,，]*(?:\\.[0-9]{1,2})?)';
const OUT_WORDS = '(?:支出|转出|转账|汇出|汇款|付款|消费|扣款|取款|支取|跨行转出)';

function findAmount(text: string): number | undefined {
  const patterns = [
    new RegExp(`${OUT_WORDS}[^0-9余]{0,16}?(?:人民币|RMB|CNY)?\\s*${MONEY}\\s*元`),
    new RegExp(`${OUT_WORDS}[^0-9余]{0,16}?(?:人民币|RMB|CNY)\\s*${MONEY}`),
    new RegExp(`(?:金额|交易金额)[：:\\s]*(?:人民币)?-?${MONEY}`),
    new RegExp(`(?:^|[,，\\s\\t])-${MONEY}(?:元)?(?=[,，\\s\\t]|$)`),
    new RegExp(`(?:人民币|RMB)\\s*${MONEY}`),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) {
      const n = toNumber(m[1]!);
      if (Number.isFinite(n) && n > 0) return n;
    }
  }
  return undefined;
}

function findAccount(text: string): string | undefined {
  const labelled =
    /(?:对方账[户号]|收款账[户号]|收款卡号|对方卡号|收款方账[户号]|入账账[户号]|转入账[户号]|账号)[：:\s]*([0-9][0-9\s-]{8,40}[0-9])/.exec(
      text,
    );
  if (labelled) {
    const d = labelled[1]!.replace(/[\s-]/g, '');
    if (d.length >= 10 && d.length <= 30) return d;
  }
  // else the longest run of 12–30 digits (separated in fours or not) that is not a time, an amount or a tail
  let best: string | undefined;
  for (const m of text.matchAll(/(?<![0-9.尾号])([0-9]{4}(?:[ -]?[0-9]{2,4}){2,7})(?![0-9.])/g)) {
    const d = m[1]!.replace(/[\s-]/g, '');
    if (d.length >= 12 && d.length <= 30 && (!best || d.length > best.length)) best = d;
  }
  return best;
}

const NAME = '([\\u4e00-\\u9fa5·]{2,20}|[A-Za-z][A-Za-z .]{1,40}[A-Za-z])';
function findName(text: string): string | undefined {
  const labelled = new RegExp(`(?:对方户名|收款人|收款方|对方姓名|收款户名|对方名称|户名)[：:\\s]*${NAME}`).exec(text);
  if (labelled) return labelled[1]!.trim();
  const to = /向([\u4e00-\u9fa5·]{2,10}?)(?:[(（]|尾号|账户|的|转账|跨行|汇款|付款|转出|支付)/.exec(text);
  if (to) return to[1];
  return undefined;
}

const BANK = '([\\u4e00-\\u9fa5A-Za-z]{2,20}?(?:银行|信用社|合作社|农商行|农信社)(?:股份有限公司)?)';
function findBanks(text: string): { toBank?: string; fromBank?: string } {
  const out: { toBank?: string; fromBank?: string } = {};
  const labelled = new RegExp(`(?:对方银行|收款银行|对方行|收款行|开户行|对方开户行)[：:\\s]*${BANK}`).exec(text);
  if (labelled) out.toBank = labelled[1];
  const header = new RegExp(`[【\\[]${BANK}[】\\]]`).exec(text);
  if (header) out.fromBank = header[1];
  if (!out.toBank) {
    // a statement line: a bank name in its own column
    const col = new RegExp(`(?:^|[,，\\t])\\s*${BANK}\\s*(?:[,，\\t]|$)`).exec(text);
    if (col && col[1] !== out.fromBank) out.toBank = col[1];
  }
  return out;
}

function findChannel(text: string): ParsedPayment['channel'] {
  if (/支付宝|alipay/i.test(text)) return 'alipay';
  if (/微信|财付通|wechat/i.test(text)) return 'wechat_pay';
  if (/ATM|自助|取款机/i.test(text)) return 'atm';
  if (/柜面|柜台|网点/.test(text)) return 'counter';
  if (/网上银行|手机银行|网银|电子银行|掌上银行|APP/i.test(text)) return 'mobile_banking';
  if (/转账|汇款|转出|汇出/.test(text)) return 'bank_transfer';
  return undefined;
}

/** Reads what it can from one pasted SMS / statement line; `now` decides the year of a date without one. */
export function parsePaymentText(text: string, now: number = Date.now()): ParsedPayment {
  const t = (text ?? '')
    .replace(/\u3000/g, ' ')
    .replace(/：/g, ':')
    .trim();
  if (!t) return {};
  const out: ParsedPayment = {};
  const paidAt = findTime(t, now);
  if (paidAt) out.paidAt = paidAt;
  const amount = findAmount(t);
  if (amount !== undefined) out.amount = amount;
  const account = findAccount(t);
  if (account) out.toAccount = account;
  const name = findName(t);
  if (name) out.toName = name;
  Object.assign(out, findBanks(t));
  const tail = /尾号\s*(\d{4})/.exec(t);
  if (tail) out.fromAccountTail = tail[1];
  const channel = findChannel(t);
  if (channel) out.channel = channel;
  return out;
}
