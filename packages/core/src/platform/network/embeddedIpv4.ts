import { ipv6Groups } from './ipv6Groups.js';

/** Two 16-bit groups as a dotted IPv4 address. */
const dotted = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * The IPv4 addresses an IPv6 address carries, by every standard way of wrapping one, so the guard judges the IPv4
 * address a packet would end up at:
 * - IPv4-compatible `::a.b.c.d` (::/96, deprecated) and IPv4-mapped `::ffff:a.b.c.d` (::ffff:0:0/96);
 * - SIIT's IPv4-translated `::ffff:0:a.b.c.d` (::ffff:0:0:0/96);
 * - NAT64's well-known prefix `64:ff9b::a.b.c.d` (64:ff9b::/96; the local-use 64:ff9b:1::/48 is refused whole);
 * - 6to4 `2002:AABB:CCDD::` (2002::/16, the IPv4 address in bits 16–47);
 * - Teredo `2001:0:SSSS:SSSS:…:CCCC:CCCC` (2001::/32: the server's address, and the client's, stored inverted);
 * - ISATAP interface ids `…:0:5efe:a.b.c.d` and `…:200:5efe:a.b.c.d` under any prefix.
 * An address that is not IPv6, or wraps nothing, gives none.
 */
export function embeddedIpv4(address: string): string[] {
  const groups = ipv6Groups(address);
  if (groups === undefined) return [];
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const found: string[] = [];
  const zeros = (...values: number[]) => values.every((value) => value === 0);
  if (zeros(g0, g1, g2, g3, g4) && (g5 === 0 || g5 === 0xffff)) found.push(dotted(g6, g7));
  if (zeros(g0, g1, g2, g3, g5) && g4 === 0xffff) found.push(dotted(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && zeros(g2, g3, g4, g5)) found.push(dotted(g6, g7));
  if (g0 === 0x2002) found.push(dotted(g1, g2));
  if (g0 === 0x2001 && g1 === 0) found.push(dotted(g2, g3), dotted(g6 ^ 0xffff, g7 ^ 0xffff));
  if ((g4 & 0xfcff) === 0 && g5 === 0x5efe) found.push(dotted(g6, g7));
  return found;
}
