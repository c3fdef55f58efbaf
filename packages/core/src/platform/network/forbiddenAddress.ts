import { BlockList, isIP } from 'node:net';
import { embeddedIpv4 } from './embeddedIpv4.js';

/**
 * Addresses the platform never calls on a user's say-so (the SSRF guard, for webhooks and adapters alike): loopback,
 * "this network", private (RFC 1918), carrier-grade NAT, link-local (which holds the cloud metadata service,
 * 169.254.169.254), IETF protocol assignments, documentation, 6to4 relay, benchmarking, multicast and reserved
 * ranges; in IPv6 loopback, unspecified, discard-only, unique-local (fc00::/7, AWS's fd00:ec2::254 among them),
 * link-local, site-local, multicast, documentation and NAT64's local-use prefix. An IPv6 address that wraps an IPv4
 * one (see {@link embeddedIpv4}) is judged by the IPv4 address inside too.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['100::', 64], ['64:ff9b:1::', 48], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32],
] as const) BLOCKED.addSubnet(network, prefix, 'ipv6');

/** Host names that are private whatever DNS says: `localhost` and its subdomains, and the metadata services' names. */
const BLOCKED_NAMES = /^(localhost|.*\.localhost|metadata|metadata\.google\.internal|instance-data|instance-data\.ec2\.internal)\.?$/i;

/** True when an IP address (v4 or v6, with or without brackets or a zone) is one the platform must not call. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family !== 6) return false;
  return BLOCKED.check(bare.replace(/%.*$/, ''), 'ipv6') || embeddedIpv4(bare).some((inside) => BLOCKED.check(inside, 'ipv4'));
}

/** True for a host name (not an address) that is private by name. */
export function isForbiddenHostName(host: string): boolean {
  return BLOCKED_NAMES.test(host);
}

/**
 * True for a URL's host (as WHATWG's URL parser leaves it, so `0x7f.1` or `2130706433` are already `127.0.0.1`)
 * that is refused before any lookup: a private name, or an address literal in a forbidden range. A connection to
 * an address literal is never looked up, so this is the only check such a host gets.
 */
export function isForbiddenHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return isForbiddenHostName(bare) || (isIP(bare) !== 0 && isForbiddenAddress(bare));
}
