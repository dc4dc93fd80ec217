import { maskPhone } from '../identifiers/index.ts';

/**
 * Outbound officer notification per unit, in the WeCom (企业微信) group robot format: POST JSON
 * `{msgtype: 'markdown', markdown: {content}}` or `{msgtype: 'text', text: {content, mentioned_mobile_list}}`,
 * answered by `{errcode: 0, errmsg: 'ok'}`. A robot answers HTTP 200 even when it refuses (rate limit 45009,
 * bad key 93000), so success is errcode 0, not the status code.
 * The message leaves our network: it carries a masked number and a link-free summary, never the full subject.
 */

export type WecomMessage =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'text'; text: { content: string; mentioned_mobile_list?: string[] } };

export interface WarningNotice {
  warningId: string;
  level: 'high' | 'medium' | 'low';
  fraudTypeName: string;
  reason: string; // e.g. 'auto-contact busy', '签收超时'
  subjectPhone?: string;
  dueAt?: number; // next deadline, shown as local time
  urgent: boolean;
  consoleUrl?: string; // link into Zhiwang for officers (internal, allowed here unlike citizen SMS)
}

const LEVEL_LABEL = { high: '高', medium: '中', low: '低' } as const;
const MAX_MARKDOWN_BYTES = 4096; // robot limit

/** Masking is the identifiers module's (one rule for every screen and message); re-exported for callers. */
export { maskPhone };

/** WeCom markdown has no escaping; strip the characters that would change the layout of our fields. */
const clean = (s: string) => s.replace(/[`*_#>[\]<\n\r]/g, ' ').slice(0, 200);

function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' '); // MM-DD hh:mm, UTC+8
}

export function formatWarningNotice(n: WarningNotice): WecomMessage {
  const color = n.urgent ? 'warning' : 'info';
  const lines = [
    `### <font color="${color}">【${LEVEL_LABEL[n.level]}】反诈预警${n.urgent ? ' · 紧急' : ''}</font>`,
    `> 预警编号：${clean(n.warningId)}`,
    `> 类型：${clean(n.fraudTypeName)}`,
    `> 事由：${clean(n.reason)}`,
  ];
  if (n.subjectPhone) lines.push(`> 号码：${maskPhone(n.subjectPhone)}`);
  if (n.dueAt !== undefined) lines.push(`> 时限：<font color="warning">${beijingTime(n.dueAt)}</font> 前`);
  if (n.consoleUrl) lines.push(`[打开处置页面](${n.consoleUrl})`);
  let content = lines.join('\n');
  while (Buffer.byteLength(content) > MAX_MARKDOWN_BYTES) content = content.slice(0, -16);
  return { msgtype: 'markdown', markdown: { content } };
}

/** Plain text variant: the only one that can @-mention the duty officer by mobile number. */
export function formatTextNotice(n: WarningNotice, mentionMobiles: string[] = []): WecomMessage {
  const text = `【${LEVEL_LABEL[n.level]}】反诈预警 ${clean(n.warningId)}：${clean(n.fraudTypeName)}，${clean(n.reason)}`;
  return {
    msgtype: 'text',
    text: { content: text, ...(mentionMobiles.length ? { mentioned_mobile_list: mentionMobiles } : {}) },
  };
}

export type WebhookResult =
  { ok: true; ms: number } | { ok: false; ms: number; httpStatus?: number; errcode?: number; error: string };

/** One attempt; the caller records it (channel, time, outcome) and decides about retrying. */
export async function sendWebhook(url: string, msg: WecomMessage, timeoutMs = 5_000): Promise<WebhookResult> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(msg),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!res.ok) return { ok: false, ms: ms(), httpStatus: res.status, error: `http_${res.status}` };
    if (!body || body.errcode !== 0) {
      return {
        ok: false,
        ms: ms(),
        httpStatus: res.status,
        errcode: body?.errcode ?? -1,
        error: body?.errmsg ?? 'invalid_response',
      };
    }
    return { ok: true, ms: ms() };
  } catch (e) {
    return {
      ok: false,
      ms: ms(),
      error: e instanceof Error ? (e.name === 'TimeoutError' ? 'timeout' : e.message) : 'network_error',
    };
  }
}
