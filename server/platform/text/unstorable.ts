// PostgreSQL cannot store a NUL character in text, nor a lone UTF-16 surrogate in jsonb (and the drivers turn one
// in text into U+FFFD, silently changing the value). Input carrying either is refused before it reaches a query:
// for every HTTP request in one place (platform/http/app.ts), and item by item where a request answers per item
// (ingest events, file imports).

// eslint-disable-next-line no-control-regex -- NUL is the character PostgreSQL cannot store
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
  // depth-first with an explicit stack (no recursion: a deeply nested body must not overflow the call stack),
  // children pushed in reverse so the first bad value in document order is the one named
  const stack: [unknown, string][] = [[value, at]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return path;
      continue;
    }
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))]);
      continue;
    }
    const entries = Object.entries(v);
    // the path goes back to the client in the error: the bad key is named with the characters replaced
    for (const [key] of entries) if (UNSTORABLE.test(key)) return join(path, key.replace(UNSTORABLE_ALL, '\ufffd'));
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], join(path, entries[i]![0])]);
  }
  return null;
}

const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
