// Shared character handling. Input comes from OCR'd forms, Excel imports and people typing on Chinese IMEs, so
// full-width digits/letters and a zoo of separators are normal, not exotic.

const FW_ZERO = 0xff10; // '０'
const FW_NINE = 0xff19;
const FW_A = 0xff21; // 'Ａ'
const FW_Z = 0xff3a;
const FW_LA = 0xff41; // 'ａ'
const FW_LZ = 0xff5a;

/** True for characters people use to group digits: spaces (incl. ideographic/nbsp), dashes, dots, parentheses. */
export function isSeparator(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0xa0 ||
    c === 0x3000 || // spaces
    c === 0x2d ||
    c === 0xff0d ||
    c === 0x2010 ||
    c === 0x2011 ||
    c === 0x2012 ||
    c === 0x2013 ||
    c === 0x2014 || // dashes
    c === 0x28 ||
    c === 0x29 ||
    c === 0xff08 ||
    c === 0xff09 || // ( ) （ ）
    c === 0x2e // '.'
  );
}

/** ASCII digit value for '0'-'9' and '０'-'９', else -1. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= FW_ZERO && c <= FW_NINE) return c - FW_ZERO;
  return -1;
}

const ASCII_ALNUM = /^[0-9A-Za-z]*$/;

/**
 * Removes separators and folds full-width digits/Latin letters to ASCII. Returns null when any other
 * character is present, so callers never silently drop meaningful characters.
 * Fast path: already-clean ASCII input is returned as-is (no allocation).
 */
export function compactAlnum(raw: string): string | null {
  if (ASCII_ALNUM.test(raw)) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) out += raw[i];
    else if (c >= FW_ZERO && c <= FW_NINE) out += String.fromCharCode(c - FW_ZERO + 48);
    else if (c >= FW_A && c <= FW_Z) out += String.fromCharCode(c - FW_A + 65);
    else if (c >= FW_LA && c <= FW_LZ) out += String.fromCharCode(c - FW_LA + 97);
    else if (!isSeparator(c)) return null;
  }
  return out;
}

export const ALL_DIGITS = /^\d+$/;
