// PostgreSQL cannot store a NUL character in text, nor a lone UTF-16 surrogate in jsonb (and the drivers turn one
// in text into U+FFFD, silently changing the value). Input carrying either is refused before it reaches a query:
// for every HTTP request in one place (platform/http/app.ts), and item by item where a request answers per item
// (ingest events, file imports).

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const UNSTORABLE_REASON = 'contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored';

/** True when `value` (a string, or any string or key inside an array or object) cannot be stored as text. */
export function hasUnstorableText(value: unknown): boolean {
  return findUnstorableText(value) !== null;
}

/**
 * The dotted path of the first string (or object key) in `value` that cannot be stored — '' for `value` itself —
 * or null when everything can be. Paths use the notation of the validation errors (`items.0.name`).
 */
export function findUnstorableText(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? at : null;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], join(at, String(i)));
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    // the path goes back to the client in the error: the bad key is named with the characters replaced
    if (UNSTORABLE.test(key)) return join(at, key.replace(UNSTORABLE_ALL, '\ufffd'));
    const found = findUnstorableText(v, join(at, key));
    if (found !== null) return found;
  }
  return null;
}

const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
