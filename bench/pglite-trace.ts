// Statement tracer for the embedded database (ZW_BENCH_TRACE=1): counts PGlite's protocol round trips per SQL text
// and the time spent in them, in this thread (PGlite runs in-process). Bench-only; never imported by the server.
import { PGlite } from '@electric-sql/pglite';

type Stat = { n: number; ms: number };
const stats = new Map<string, Stat>();
let last = '?';
const dec = new TextDecoder();

function sqlOf(msg: Uint8Array): string | null {
  const type = msg[0];
  if (type === 0x51 /* Q */) return dec.decode(msg.subarray(5, msg.indexOf(0, 5)));
  if (type === 0x50 /* P */) {
    const nameEnd = msg.indexOf(0, 5);
    return dec.decode(msg.subarray(nameEnd + 1, msg.indexOf(0, nameEnd + 1)));
  }
  return null;
}

export function installTrace(): { reset(): void; report(top?: number): string } {
  const proto = PGlite.prototype as unknown as {
    execProtocolStream(m: Uint8Array, o?: unknown): Promise<unknown>;
  };
  const orig = proto.execProtocolStream;
  proto.execProtocolStream = async function (this: unknown, m: Uint8Array, o?: unknown) {
    const s = sqlOf(m);
    if (s !== null) last = s.replace(/\s+/g, ' ').trim().slice(0, 110);
    const t = performance.now();
    try {
      return await orig.call(this, m, o);
    } finally {
      const st = stats.get(last) ?? { n: 0, ms: 0 };
      st.ms += performance.now() - t;
      if (s !== null) st.n++;
      stats.set(last, st);
    }
  };
  return {
    reset: () => stats.clear(),
    report(top = 40) {
      const all = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const n = all.reduce((a, [, s]) => a + s.n, 0),
        ms = all.reduce((a, [, s]) => a + s.ms, 0);
      return [
        `statements ${n}, ${ms.toFixed(0)} ms in PGlite`,
        ...all.slice(0, top).map(([k, s]) => `${String(s.n).padStart(6)} ${s.ms.toFixed(0).padStart(6)} ms  ${k}`),
      ].join('\n');
    },
  };
}
