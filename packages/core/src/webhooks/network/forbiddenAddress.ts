import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may never reach (the SSRF guard): loopback, "this network", private (RFC 1918), carrier-grade
 * NAT, link-local (which holds the cloud metadata service, 169.254.169.254), benchmarking, multicast and reserved
 * ranges; in IPv6 loopback, unspecified, unique-local (fc00::/7, AWS's fd00:ec2::254 among them), link-local,
 * multicast, and IPv4 addresses wrapped in IPv6 (mapped, NAT64), judged by the IPv4 address inside.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32]] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Host names that are private whatever DNS says: `localhost` and its subdomains, and the metadata services' names. */
const BLOCKED_NAMES = /^(localhost|.*\.localhost|metadata|metadata\.google\.internal|instance-data|instance-data\.ec2\.internal)\.?$/i;

/** True when an IP address (v4 or v6, with or without brackets) is one a webhook must not reach. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family !== 6) return false;
  const wrapped = embeddedIpv4(bare);
  return wrapped === undefined ? BLOCKED.check(bare, 'ipv6') : BLOCKED.check(wrapped, 'ipv4') || BLOCKED.check(bare, 'ipv6');
}

/** True for a host name (not an address) that is private by name. */
export function isForbiddenHostName(host: string): boolean {
  return BLOCKED_NAMES.test(host);
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible or NAT64 (64:ff9b::) IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted !== null) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex === null) return undefined;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
