// Pure logic of the knowledge base: Chinese tokens for full-text search (jieba, search mode), content checks (SMS
// templates carry no link), the field-by-field diff between two versions, and the review lifecycle.
// No I/O here; jieba's dictionary loads once, lazily.
import { createRequire } from 'node:module';
import type { KbContent, KbStatus } from '../../../contract/knowledge.ts';
import type { FieldProblem } from '../../platform/errors.ts';

type Cutter = { cut(text: string, hmm?: boolean): string[]; cutForSearch(text: string, hmm?: boolean): string[] };
let jieba: Cutter | null = null;
function cutter(): Cutter {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Cutter } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** A token PostgreSQL's 'simple' configuration keeps as one lexeme: letters, digits and CJK only. */
const clean = (t: string) =>
  t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The words to index: jieba's search mode (long words and the shorter words inside them, so 刷单 is found in
 * 刷单返利) over the text, deduplicated, joined by spaces for to_tsvector('simple', …). Works the same on PGlite and
 * PostgreSQL: no Chinese parser in the database is needed.
 */
export function indexTokens(text: string): string {
  const out = new Set<string>();
  for (const t of cutter().cutForSearch(text, true)) {
    const c = clean(t);
    if (c) out.add(c);
  }
  return [...out].join(' ');
}

/** The words of a query (precise mode): every one must be in the entry. */
export function queryTokens(q: string): string[] {
  const out: string[] = [];
  for (const t of cutter().cut(q, true)) {
    const c = clean(t);
    if (c && !out.includes(c)) out.push(c);
  }
  return out.slice(0, 12);
}

/** All searchable text of a version, in one string. */
export function contentText(code: string, c: KbContent): string {
  return [
    code,
    c.name,
    c.nameEn,
    c.script,
    ...c.signals,
    ...Object.values(c.talkingPoints).flat(),
    ...c.smsTemplates,
    ...c.voiceScript,
    ...Object.values(c.smsByAudience ?? {}),
    ...Object.values(c.voiceByAudience ?? {}).flat(),
    ...c.cases.flatMap((x) => [x.title, x.text]),
  ].join('\n');
}

/**
 * Anything a handset could follow: a scheme, www., a domain-like token (also with full-width dots), a short-link
 * host (t.cn/…, dwz.cn, url.cn), or an IP address. Police never send links (domain.md §3).
 */
export function containsLink(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[。｡．]/g, '.');
  return (
    /[a-z][a-z0-9+.-]*:\/\//i.test(t) ||
    /\bwww\./i.test(t) ||
    /[a-z0-9-]+\s*\.\s*(?:[a-z]{2,}|xn--[a-z0-9-]+)\b/i.test(t) ||
    /\b\d{1,3}(?:\.\d{1,3}){3}\b/.test(t) ||
    /[a-z0-9]+\/[a-z0-9]{4,}/i.test(t)
  );
}

/** Checks the schema cannot express; each problem with its field. */
export function checkContent(c: KbContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  c.smsTemplates.forEach((s, i) => {
    if (containsLink(s))
      problems.push({ field: `content.smsTemplates.${i}`, reason: 'an SMS must not contain a link' });
  });
  c.voiceScript.forEach((s, i) => {
    if (containsLink(s))
      problems.push({ field: `content.voiceScript.${i}`, reason: 'a call script must not read out a link' });
  });
  for (const [a, s] of Object.entries(c.smsByAudience ?? {}))
    if (s && containsLink(s))
      problems.push({ field: `content.smsByAudience.${a}`, reason: 'an SMS must not contain a link' });
  for (const [a, lines] of Object.entries(c.voiceByAudience ?? {}))
    (lines ?? []).forEach((s, i) => {
      if (containsLink(s))
        problems.push({ field: `content.voiceByAudience.${a}.${i}`, reason: 'a call script must not read out a link' });
    });
  if (!c.name.trim()) problems.push({ field: 'content.name', reason: 'required' });
  return problems;
}

// ── review lifecycle ───────────────────────────────────────────────────────────────────────────────────────────

export type KbCommand = 'edit' | 'submit' | 'publish' | 'reject' | 'withdraw';

/** draft → in_review (author submits) → published (a reviewer, not the author); a reviewer may send it back. */
export function nextStatus(from: KbStatus, cmd: KbCommand): KbStatus | null {
  if (cmd === 'edit') return from === 'draft' ? 'draft' : null;
  if (cmd === 'submit') return from === 'draft' ? 'in_review' : null;
  if (cmd === 'withdraw' || cmd === 'reject') return from === 'in_review' ? 'draft' : null;
  if (cmd === 'publish') return from === 'in_review' ? 'published' : null;
  return null;
}

// ── diff ───────────────────────────────────────────────────────────────────────────────────────────────────────

const lines = (c: KbContent | null, field: string): string[] => {
  if (!c) return [];
  if (field.startsWith('talkingPoints.')) return c.talkingPoints[field.slice(14) as 'elderly'] ?? [];
  if (field === 'cases') return c.cases.map((x) => `${x.title}：${x.text}`);
  if (field.startsWith('smsByAudience.')) {
    const v = c.smsByAudience?.[field.slice(14) as 'elderly'];
    return v ? [v] : [];
  }
  if (field.startsWith('voiceByAudience.')) return c.voiceByAudience?.[field.slice(16) as 'elderly'] ?? [];
  const v = (c as unknown as Record<string, unknown>)[field];
  if (Array.isArray(v)) return v as string[];
  return v == null || v === '' ? [] : [String(v)];
};

/** Field by field, the lines removed and added (a multiset difference: order changes are not reported). */
export function diffContent(
  a: KbContent | null,
  b: KbContent,
): { field: string; removed: string[]; added: string[] }[] {
  const audiences = [...new Set([...Object.keys(a?.talkingPoints ?? {}), ...Object.keys(b.talkingPoints)])];
  const fields = [
    'name',
    'nameEn',
    'parent',
    'listVersion',
    'script',
    'signals',
    ...audiences.map((x) => `talkingPoints.${x}`),
    'smsTemplates',
    'voiceScript',
    ...keysOf(a, b, 'smsByAudience').map((x) => `smsByAudience.${x}`),
    ...keysOf(a, b, 'voiceByAudience').map((x) => `voiceByAudience.${x}`),
    'cases',
  ];
  const out: { field: string; removed: string[]; added: string[] }[] = [];
  for (const f of fields) {
    const x = lines(a, f),
      y = lines(b, f);
    const removed = minus(x, y),
      added = minus(y, x);
    if (removed.length || added.length) out.push({ field: f, removed, added });
  }
  return out;
}

const keysOf = (a: KbContent | null, b: KbContent, f: 'smsByAudience' | 'voiceByAudience') => [
  ...new Set([...Object.keys(a?.[f] ?? {}), ...Object.keys(b[f] ?? {})]),
];

function minus(x: string[], y: string[]): string[] {
  const left = new Map<string, number>();
  for (const s of y) left.set(s, (left.get(s) ?? 0) + 1);
  return x.filter((s) => {
    const n = left.get(s) ?? 0;
    if (n > 0) {
      left.set(s, n - 1);
      return false;
    }
    return true;
  });
}
