import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTextNotice, formatWarningNotice, maskPhone, sendWebhook, type WecomMessage } from './webhook.ts';

// A local receiver speaking the robot's reply format: errcode 0 normally, 45009 when "rate limited".
let app: FastifyInstance;
let base: string;
const got: { key: string; body: WecomMessage }[] = [];
beforeAll(async () => {
  app = Fastify();
  app.post<{ Querystring: { key: string }; Body: WecomMessage }>('/cgi-bin/webhook/send', async (req) => {
    got.push({ key: req.query.key, body: req.body });
    if (req.query.key === 'limited') return { errcode: 45009, errmsg: 'api freq out of limit' };
    return { errcode: 0, errmsg: 'ok' };
  });
  app.post('/slow', async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { errcode: 0 };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(async () => {
  await app.close();
});

const notice = {
  warningId: 'W-20260101-0042',
  level: 'high' as const,
  fraudTypeName: '冒充公检法及政府机关',
  reason: '自动外呼占线，已派警',
  subjectPhone: '13800138000',
  dueAt: Date.UTC(2026, 0, 1, 0, 30),
  urgent: true,
};

describe('WeCom robot webhook', () => {
  it('markdown notice arrives with a masked number and Beijing-time deadline', async () => {
    const msg = formatWarningNotice(notice);
    const r = await sendWebhook(`${base}/cgi-bin/webhook/send?key=unit-42`, msg);
    expect(r.ok).toBe(true);
    const last = got.at(-1)!;
    expect(last.key).toBe('unit-42');
    expect(last.body.msgtype).toBe('markdown');
    const content = last.body.msgtype === 'markdown' ? last.body.markdown.content : '';
    expect(content).toContain('【高】反诈预警 · 紧急');
    expect(content).toContain('138****8000');
    expect(content).not.toContain('13800138000');
    expect(content).toContain('01-01 08:30');
  });
  it('errcode != 0 with HTTP 200 is a failure', async () => {
    const r = await sendWebhook(`${base}/cgi-bin/webhook/send?key=limited`, formatTextNotice(notice, ['13900139000']));
    expect(r).toMatchObject({ ok: false, httpStatus: 200, errcode: 45009 });
    expect(got.at(-1)!.body).toMatchObject({ msgtype: 'text', text: { mentioned_mobile_list: ['13900139000'] } });
  });
  it('HTTP errors, timeouts and refused connections are failures, not throws', async () => {
    expect(await sendWebhook(`${base}/nope`, formatTextNotice(notice))).toMatchObject({ ok: false, httpStatus: 404 });
    expect(await sendWebhook(`${base}/slow`, formatTextNotice(notice), 50)).toMatchObject({
      ok: false,
      error: 'timeout',
    });
    expect((await sendWebhook('http://127.0.0.1:1/x', formatTextNotice(notice))).ok).toBe(false);
  });
  it('field values cannot break the markdown layout; masking', () => {
    const m = formatWarningNotice({ ...notice, reason: '## 伪造标题\n> x', urgent: false });
    const c = m.msgtype === 'markdown' ? m.markdown.content : '';
    expect(c.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(1);
    expect(c).not.toContain('紧急');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
    expect(maskPhone('123')).not.toContain('123');
  });
});
