// Which bank an order goes to: the bank named (or, when none is, the card's issuer from its BIN), among the bank
// units of the organisation tree, preferring the one serving the case's area. Pure: units are passed in.

/** Common short names (工行) and the family key they stand for: 中国工商银行 → 工商. */
const ALIASES: Record<string, string> = {
  工行: '工商',
  农行: '农业',
  建行: '建设',
  中行: '中国',
  交行: '交通',
  邮储: '邮政储蓄',
  招行: '招商',
  浦发: '浦东发展',
  ICBC: '工商',
  ABC: '农业',
  CCB: '建设',
  BOC: '中国',
  BOCOM: '交通',
  PSBC: '邮政储蓄',
  CMB: '招商',
};

/** The family of a bank name: 中国工商银行河池分行 → 工商; 中国银行 → 中国; unknown shapes → the name itself. */
export function bankFamily(name: string): string {
  const s = name.trim().replace(/\s+/g, '');
  const alias = ALIASES[s] ?? ALIASES[s.toUpperCase()];
  if (alias) return alias;
  if (/^中国银行/.test(s)) return '中国';
  const i = s.indexOf('银行');
  const head = i > 0 ? s.slice(0, i) : s;
  return head.replace(/^中国/, '').replace(/股份有限公司$/, '') || head;
}

export interface BankUnit {
  id: string;
  name: string;
  code: string | null;
  path: string;
}

/** The area a bank unit serves: its parent's path. */
export const servedPath = (bankPath: string) => bankPath.replace(/[^/]+\/$/, '');

/**
 * The bank unit for `given` (a unit id, a code, or a name) or else `issuer` (from the BIN), nearest to the area
 * `nearPath`: a bank hung under that area or one of its ancestors wins over one elsewhere.
 */
export function resolveBank(
  banks: BankUnit[],
  given: string | undefined,
  issuer: string | undefined,
  nearPath: string,
): BankUnit | null {
  if (given) {
    const exact = banks.find((b) => b.id === given || b.code === given);
    if (exact) return exact;
  }
  const name = given ?? issuer;
  if (!name) return null;
  const family = bankFamily(name);
  const same = banks.filter((b) => bankFamily(b.name) === family);
  if (!same.length) return null;
  const near = same
    .filter((b) => nearPath.startsWith(servedPath(b.path)))
    .sort((a, b) => servedPath(b.path).length - servedPath(a.path).length);
  return near[0] ?? (same.length === 1 ? same[0]! : null);
}

/**
 * May a police actor whose jurisdiction is `actorPath` address this bank? A bank serving the actor's area or an
 * area above it (a city's bank for a station of that city), or a bank inside the actor's own subtree.
 */
export function mayAddress(actorPath: string, bankPath: string): boolean {
  return actorPath === '/' || actorPath.startsWith(servedPath(bankPath)) || bankPath.startsWith(actorPath);
}
