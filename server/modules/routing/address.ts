/**
 * A subject's address → the station whose area it names, by the jurisdiction names of the organisation tree:
 * the district (区/县) and the township or street (镇/乡/街道) of a station's area, or a community (社区/村) of one
 * of its grids. Pure: the gazetteer is built from the units by db.ts.
 *
 * Addresses are free text typed by people, so the rule is conservative: a station is chosen only when the address
 * names its district and its township/street (or community), or names a township/street/community that only one
 * station has and no other district. Anything ambiguous is not guessed: it goes on to the next routing step.
 */

export interface GazetteerStation {
  id: string;
  /** names of the station's district, e.g. 金城江区 */
  district: readonly string[];
  /** township / street names of its area, e.g. 金城江街道, 东江镇 */
  streets: readonly string[];
  /** communities and villages of its grids, e.g. 城北社区 */
  communities: readonly string[];
}

const MIN_NAME = 2;
const norm = (s: string) => s.replace(/\s+/g, '');
const names = (xs: readonly string[]) => xs.map(norm).filter((x) => x.length >= MIN_NAME);

export function matchAddress(address: string, stations: readonly GazetteerStation[]): string | null {
  const a = norm(address);
  if (a.length < MIN_NAME) return null;
  const hits = stations
    .map((s) => ({
      id: s.id,
      district: names(s.district).some((n) => a.includes(n)),
      street: names(s.streets).some((n) => a.includes(n)),
      community: names(s.communities).some((n) => a.includes(n)),
    }))
    .filter((h) => h.street || h.community);
  if (!hits.length) return null;
  const one = (xs: typeof hits) => (new Set(xs.map((x) => x.id)).size === 1 ? xs[0]!.id : null);

  // the address names the district and a place inside one of its stations' areas
  const strong = hits.filter((h) => h.district);
  if (strong.length) return one(strong) ?? one(strong.filter((h) => h.community));
  // no district named: only a place name that one station alone has, and no other district contradicting it
  const namedDistricts = stations.filter((s) => names(s.district).some((n) => a.includes(n)));
  if (namedDistricts.length) return null;
  return one(hits) ?? one(hits.filter((h) => h.community));
}

/** "东兰镇派出所" → "东兰镇": a station named after its township; other names say nothing about the area. */
export function townshipOfStationName(name: string): string | null {
  const base = name.replace(/(派出所|警务站|警务室)$/, '');
  return base !== name && /(街道|镇|乡)$/.test(base) ? base : null;
}

/** "城北社区居民委员会" → "城北社区" (grids are often named with or without the committee suffix). */
export const communityName = (name: string) => name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, '');
