import { lookup } from 'node:dns/promises';
import net from 'node:net';

// Outbound URLs an officer types in (a unit's group robot webhook) are requests this server makes: without a
// check, anyone allowed to set one could make the server call its own loopback services, the cloud metadata
// address or the internal network (SSRF). Loopback, link-local, private and unspecified targets are refused unless
// the deployment allows them (ZHIWANG_WEBHOOK_ALLOW_PRIVATE=on: an intranet robot).

const blocked = new net.BlockList();
for (const [a, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(a, bits, 'ipv4');
for (const [a, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(a, bits, 'ipv6');

/** True for an address the server must not call on an officer's say-so. */
export function isInternalAddress(ip: string): boolean {
  const v = net.isIP(ip);
  if (v === 4) return blocked.check(ip, 'ipv4');
  if (v !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(ip, 'ipv6');
}

/**
 * Why this URL may not be called, or null when it may: http(s) only, no credentials in it, and a host that is not
 * (and does not resolve to) an internal address. `resolve` is checked at save time and again before each call
 * (a name can be pointed elsewhere later).
 */
export async function outboundUrlProblem(
  raw: string,
  o: { allowPrivate?: boolean; resolve?: boolean } = {},
): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs';
  if (u.username || u.password) return 'no user name or password in the URL';
  if (o.allowPrivate) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (/^localhost$|\.localhost$/i.test(host)) return 'a loopback address is not allowed';
  if (net.isIP(host))
    return isInternalAddress(host) ? 'an internal (loopback, link-local or private) address is not allowed' : null;
  if (o.resolve === false) return null;
  try {
    const addrs = await lookup(host, { all: true });
    if (addrs.some((a) => isInternalAddress(a.address)))
      return 'the host resolves to an internal (loopback, link-local or private) address';
  } catch {
    return 'the host name does not resolve';
  }
  return null;
}
