// Evidence file storage: a port with a local-disk implementation (the default) and an S3-compatible one
// (configured with ZHIWANG_EVIDENCE_S3_* ; any S3 API: MinIO, Ceph, OSS/COS in S3 mode). Files are addressed by a
// key the module chooses; their SHA-256 is computed by the caller and kept in the database.
import { createHash, createHmac } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface EvidenceStorage {
  readonly kind: string;
  put(key: string, data: Buffer, mime?: string): Promise<void>;
  get(key: string): Promise<Buffer>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,200}$/;
function checkKey(key: string) {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`);
}

/** Files under one directory; written to a temporary name then renamed, so a reader never sees half a file. */
export function localDiskStorage(dir: string): EvidenceStorage {
  return {
    kind: 'local',
    async put(key, data) {
      checkKey(key);
      const file = path.join(dir, key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, data, { mode: 0o600 });
      await rename(tmp, file);
    },
    async get(key) {
      checkKey(key);
      return readFile(path.join(dir, key));
    },
  };
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s).digest();

/** S3-compatible storage (path-style URLs, AWS Signature V4), with fetch: no SDK needed. */
export function s3Storage(c: S3Config, fetchImpl: typeof fetch = fetch): EvidenceStorage {
  const base = new URL(c.endpoint);
  async function send(method: 'PUT' | 'GET', key: string, body?: Buffer, mime?: string) {
    checkKey(key);
    const url = new URL(
      `${base.pathname.replace(/\/$/, '')}/${c.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
      base,
    );
    const now = new Date();
    const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256Hex(body ?? '');
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
    };
    if (mime && method === 'PUT') headers['content-type'] = mime;
    const names = Object.keys(headers).sort();
    const canonical = [
      method,
      url.pathname,
      '',
      ...names.map((n) => `${n}:${headers[n]}`),
      '',
      names.join(';'),
      payloadHash,
    ].join('\n');
    const scope = `${day}/${c.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
    const key4 = hmac(hmac(hmac(hmac(`AWS4${c.secretAccessKey}`, day), c.region), 's3'), 'aws4_request');
    const signature = createHmac('sha256', key4).update(toSign).digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    const res = await fetchImpl(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
    if (!res.ok) throw new Error(`S3 ${method} ${key}: ${res.status}`);
    return res;
  }
  return {
    kind: 's3',
    async put(key, data, mime) {
      await send('PUT', key, data, mime);
    },
    async get(key) {
      return Buffer.from(await (await send('GET', key)).arrayBuffer());
    },
  };
}

/** From the environment: S3 when ZHIWANG_EVIDENCE_S3_ENDPOINT is set, else local disk under `dataDir`/evidence. */
export function storageFromEnv(env: NodeJS.ProcessEnv, dataDir: string): EvidenceStorage {
  const e = env.ZHIWANG_EVIDENCE_S3_ENDPOINT;
  if (e) {
    return s3Storage({
      endpoint: e,
      bucket: env.ZHIWANG_EVIDENCE_S3_BUCKET ?? 'evidence',
      region: env.ZHIWANG_EVIDENCE_S3_REGION ?? 'us-east-1',
      accessKeyId: env.ZHIWANG_EVIDENCE_S3_ACCESS_KEY ?? '',
      secretAccessKey: env.ZHIWANG_EVIDENCE_S3_SECRET_KEY ?? '',
    });
  }
  return localDiskStorage(env.ZHIWANG_EVIDENCE_DIR ?? path.join(dataDir, 'evidence'));
}
