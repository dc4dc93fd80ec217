/**
 * Pure SMS encoding for SMPP 3.4. Chinese text cannot be sent in the GSM default alphabet, so everything is
 * UCS2 (data_coding 8): 140 octets = 70 UTF-16 units in one message, 67 per part when a 6-octet concatenation
 * UDH is present. We encode ourselves rather than let the library guess the alphabet per part.
 */

export const DATA_CODING_UCS2 = 0x08;
export const ESM_UDHI = 0x40;
export const ESM_DELIVERY_RECEIPT = 0x04;
const SINGLE_UNITS = 70;
const PART_UNITS = 67;

export interface Segment {
  udh: Buffer | null;
  payload: Buffer;
}

export function ucs2Encode(text: string): Buffer {
  const b = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) b.writeUInt16BE(text.charCodeAt(i), i * 2);
  return b;
}

export function ucs2Decode(b: Buffer): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
  return s;
}

/** Split text into concatenated parts; never cut a surrogate pair (an emoji would arrive as two broken halves). */
export function splitUcs2(text: string, ref: number): Segment[] {
  if (text.length <= SINGLE_UNITS) return [{ udh: null, payload: ucs2Encode(text) }];
  const chunks: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + PART_UNITS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(i, end));
    i = end;
  }
  if (chunks.length > 255) throw new Error('message too long for 8-bit concatenation');
  return chunks.map((c, n) => ({
    // UDHL=5, IEI 0x00 (concatenated, 8-bit reference), IEDL=3, ref, total, sequence (1-based)
    udh: Buffer.from([0x05, 0x00, 0x03, ref & 0xff, chunks.length, n + 1]),
    payload: ucs2Encode(c),
  }));
}

export interface ConcatInfo {
  ref: number;
  total: number;
  seq: number;
}

/** Read the concatenation IE out of a UDH (either IEI 0x00 8-bit or 0x08 16-bit reference). */
export function parseConcat(udh: Buffer): ConcatInfo | null {
  let i = 1;
  while (i + 1 < udh.length) {
    const iei = udh[i]!;
    const len = udh[i + 1]!;
    if (iei === 0x00 && len === 3) return { ref: udh[i + 2]!, total: udh[i + 3]!, seq: udh[i + 4]! };
    if (iei === 0x08 && len === 4) return { ref: udh.readUInt16BE(i + 2), total: udh[i + 4]!, seq: udh[i + 5]! };
    i += 2 + len;
  }
  return null;
}

/** Split a raw short_message into UDH and body when esm_class says a UDH is present. */
export function splitUdh(raw: Buffer, esmClass: number): { udh: Buffer | null; body: Buffer } {
  if (!(esmClass & ESM_UDHI) || raw.length === 0) return { udh: null, body: raw };
  const udhLen = raw[0]! + 1;
  return { udh: raw.subarray(0, udhLen), body: raw.subarray(udhLen) };
}

export type ReceiptStat = 'DELIVRD' | 'EXPIRED' | 'DELETED' | 'UNDELIV' | 'ACCEPTD' | 'UNKNOWN' | 'REJECTD' | 'ENROUTE';
const STATS: readonly ReceiptStat[] = [
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
  'ENROUTE',
];

export interface ReceiptText {
  id: string;
  sub: number;
  dlvrd: number;
  submitDate: string;
  doneDate: string;
  stat: ReceiptStat;
  err: string;
}

/** SMPP 3.4 Appendix B receipt text; carriers vary, so parsing is lenient and keyed by field names. */
export function formatReceipt(r: ReceiptText): string {
  const p3 = (n: number) => String(n).padStart(3, '0');
  return `id:${r.id} sub:${p3(r.sub)} dlvrd:${p3(r.dlvrd)} submit date:${r.submitDate} done date:${r.doneDate} stat:${r.stat} err:${r.err} text:`;
}

export function parseReceipt(text: string): ReceiptText | null {
  const get = (k: string) => new RegExp(`(?:^|\\s)${k}:(\\S*)`, 'i').exec(text)?.[1];
  const id = get('id');
  const stat = get('stat')?.toUpperCase() as ReceiptStat | undefined;
  if (!id || !stat || !STATS.includes(stat)) return null;
  return {
    id,
    stat,
    err: get('err') ?? '000',
    sub: Number(get('sub') ?? 0),
    dlvrd: Number(get('dlvrd') ?? 0),
    submitDate: get('submit date') ?? '',
    doneDate: get('done date') ?? '',
  };
}

/** SMPP date YYMMDDhhmm (UTC here; receipt dates are informational, the client stamps its own time). */
export function smppDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
