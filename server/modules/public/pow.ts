import { createHash } from 'node:crypto';

// Hashcash proof-of-work (no third-party captcha is reachable): the client finds a nonce such that
// SHA-256(challenge + nonce) starts with `difficulty` zero bits. Cheap to check, ~2^difficulty hashes to find.

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const powDigest = (challenge: string, nonce: string): Buffer =>
  createHash('sha256')
    .update(challenge + nonce, 'utf8')
    .digest();

export const isValidWork = (challenge: string, nonce: string, difficulty: number): boolean =>
  leadingZeroBits(powDigest(challenge, nonce)) >= difficulty;

/** What a client does (tests and the 96110 desk's own reports need no work; this is for tests and tools). */
export function solve(challenge: string, difficulty: number, maxTries = 1 << 26): string {
  for (let i = 0; i < maxTries; i++) if (isValidWork(challenge, String(i), difficulty)) return String(i);
  throw new Error('no nonce found');
}
