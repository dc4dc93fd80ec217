import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Passwords: argon2id (slow on purpose). Session and API tokens: 256 random bits, stored as SHA-256 — they are
// not guessable, so a fast hash is enough and keeps per-request authentication cheap.

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

export const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A readable random password for the first admin (printed once) and for resets. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(18);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out.replace(/(.{6})(?!$)/g, '$1-');
}

/** Minimum password policy; returns the reason it is rejected, or null. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters';
  if (password.length > 200) return 'must be at most 200 characters';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return 'must mix at least two of: lower case, upper case, digits, symbols';
  return null;
}
