// Two sinks: NDJSON file and HTTP batch ingest (POST {url}/api/v1/events, Bearer partner token).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EventSink } from './runner.ts';
import type { SimEvent } from './emit.ts';

export function ndjsonFileSink(path: string): EventSink {
  const out = createWriteStream(path, { encoding: 'utf8' });
  return {
    async write(batch: SimEvent[]) {
      let chunk = '';
      for (const e of batch) chunk += JSON.stringify(e) + '\n';
      if (!out.write(chunk)) await once(out, 'drain');
    },
    async close() {
      out.end();
      await once(out, 'finish');
    },
  };
}

export interface HttpSinkOptions {
  url: string; // base url of Zhiwang, e.g. http://localhost:3000
  token: string;
  maxRetries?: number;
  /** called after each accepted batch with the server's counts */
  onResult?: (r: { accepted: number; duplicate: number; rejected: number; firstRejection?: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

export class HttpSinkError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

/** Posts each batch as a JSON array; backs off on 429/503 (honouring Retry-After) and on network errors. */
export function httpSink(o: HttpSinkOptions): EventSink {
  const endpoint = new URL('/api/v1/events', o.url).toString();
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = o.maxRetries ?? 8;
  return {
    async write(batch: SimEvent[]) {
      const body = JSON.stringify(batch);
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
            body,
          });
        } catch (err) {
          if (attempt >= maxRetries) throw err;
          await sleep(backoff(attempt));
          continue;
        }
        if (res.ok) {
          const r = (await res.json().catch(() => null)) as {
            accepted?: number;
            duplicate?: number;
            rejected?: number;
            results?: { status: string; reason?: string; field?: string }[];
          } | null;
          const rej = r?.results?.find((x) => x.status === 'rejected');
          o.onResult?.({
            accepted: r?.accepted ?? 0,
            duplicate: r?.duplicate ?? 0,
            rejected: r?.rejected ?? 0,
            firstRejection: rej ? `${rej.field ?? ''} ${rej.reason ?? ''}`.trim() : undefined,
          });
          return;
        }
        const text = await res.text().catch(() => '');
        if ((res.status === 429 || res.status === 503 || res.status >= 500) && attempt < maxRetries) {
          const ra = Number(res.headers.get('retry-after'));
          await sleep(Number.isFinite(ra) && ra > 0 ? ra * 1000 : backoff(attempt));
          continue;
        }
        throw new HttpSinkError(`POST ${endpoint} → ${res.status}`, res.status, text.slice(0, 500));
      }
    },
    async close() {},
  };
}

function backoff(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** attempt);
}
