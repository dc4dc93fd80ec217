import { pino, type LoggerOptions } from 'pino';

/** What code outside a request logs through: the app's pino logger (`app.log`) is one, handed in by its owner. */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The log of code that runs without an app to hand it one (scripts, a test's own runtime, the start-up before the
 * server exists): pino with the app's redaction, at LOG_LEVEL when it is a level (config.ts checks it for the app),
 * else warn and above.
 */
export const processLog: Log = pino(
  loggerOptions(
    pino.levels.values[process.env.LOG_LEVEL ?? ''] || process.env.LOG_LEVEL === 'silent'
      ? process.env.LOG_LEVEL!
      : 'warn',
  ),
);

// Secrets never reach the logs: credentials, cookies and tokens are redacted wherever they appear.
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
      ],
      censor: '[redacted]',
    },
    // request URLs carry searched phones and ID numbers (?phone=…, ?q=…): logged masked
    serializers: {
      req: (req: {
        method?: string;
        url?: string;
        hostname?: string;
        ip?: string;
        socket?: { remotePort?: number };
      }) => ({
        method: req.method,
        url: req.url === undefined ? undefined : redactIdentifiers(safeDecode(req.url)),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

// A run of 11 or more digits (a mobile number, a resident ID with its X, a bank card): the first 3 and last 4 kept.
const IDENTIFIER = /(?<![0-9A-Za-z-])(?:\+?86[- ]?)?(\d{3})[\d -]{4,}?(\d{3}[\dXx])(?![0-9A-Za-z-])/g;

/** Phones, resident IDs and card numbers in free text (a logged URL, a stored search) masked. */
export function redactIdentifiers(text: string): string {
  return text.replace(IDENTIFIER, (m, head: string, tail: string) =>
    m.replace(/\D/g, '').length >= 11 ? `${head}****${tail}` : m,
  );
}

/** `redactIdentifiers` over every string of a JSON value (audit details), without recursion. */
export function redactDeep<T>(value: T): T {
  const root = { v: value as unknown };
  const stack: [Record<string, unknown> | unknown[], string | number][] = [[root, 'v']];
  while (stack.length) {
    const [holder, key] = stack.pop()!;
    const v = (holder as Record<string | number, unknown>)[key];
    if (typeof v === 'string') (holder as Record<string | number, unknown>)[key] = redactIdentifiers(v);
    else if (Array.isArray(v)) {
      const copy = [...v];
      (holder as Record<string | number, unknown>)[key] = copy;
      for (let i = 0; i < copy.length; i++) stack.push([copy, i]);
    } else if (v && typeof v === 'object' && !(v instanceof Date)) {
      const copy = { ...(v as Record<string, unknown>) };
      (holder as Record<string | number, unknown>)[key] = copy;
      for (const k of Object.keys(copy)) stack.push([copy, k]);
    }
  }
  return root.v as T;
}
