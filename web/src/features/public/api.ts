import type { Static } from 'typebox';
import { api } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';
import type { Challenge, CheckResult, EducationList, PublicReport } from '../../../../contract/public.ts';

export type Education = Static<typeof EducationList>;
export const publicApi = {
  challenge: () => api.get<Challenge>('/api/v1/public/challenge'),
  report: (body: PublicReport) => api.post<{ id: string }>('/api/v1/public/reports', body),
  check: (kind: string, value: string) => api.post<CheckResult>('/api/v1/public/check', { kind, value }),
};
export const publicQueries = {
  /** the public education texts change with a knowledge-base publish: kept a few minutes */
  education: {
    queryKey: ['public', 'education'],
    queryFn: getJson<Education>('/api/v1/public/education'),
    staleTime: 5 * 60_000,
  },
};

/** Hashcash in the browser: SHA-256(challenge + nonce) with `difficulty` leading zero bits (WebCrypto). */
export async function solveChallenge(challenge: string, difficulty: number): Promise<string> {
  const enc = new TextEncoder();
  for (let n = 0; ; n++) {
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(challenge + n)));
    let bits = 0;
    for (const b of d) {
      if (b === 0) {
        bits += 8;
        continue;
      }
      bits += Math.clz32(b) - 24;
      break;
    }
    if (bits >= difficulty) return String(n);
  }
}
