/**
 * Every spelling of "the platform's own network" the SSRF guard must refuse, generated: each forbidden IPv4 target
 * written as WHATWG's URL parser still reads it (dotted, one decimal/hex/octal number, octal or hex parts, short
 * forms, a trailing dot) and wrapped in each IPv6 form that carries an IPv4 address (compatible, mapped, SIIT,
 * NAT64, 6to4, Teredo, ISATAP), in lower and upper case, long and short; plus the private IPv6 ranges and the
 * names that are private whatever DNS says.
 */
const TARGETS = ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'] as const;

const octets = (ip: string) => ip.split('.').map(Number) as [number, number, number, number];
const hex = (n: number) => n.toString(16);
const groups = (ip: string) => {
  const [a, b, c, d] = octets(ip);
  return [hex((a << 8) | b), hex((c << 8) | d)] as const;
};
const inverted = (ip: string) => {
  const [a, b, c, d] = octets(ip);
  return [hex(((a << 8) | b) ^ 0xffff), hex(((c << 8) | d) ^ 0xffff)] as const;
};

/** The IPv4 spellings of one address that WHATWG's URL parser reads as that address. */
export function ipv4Spellings(ip: string): string[] {
  const [a, b, c, d] = octets(ip);
  const value = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  return [
    ip, `${ip}.`, String(value), `0x${hex(value)}`, `0X${hex(value).toUpperCase()}`, `0${value.toString(8)}`,
    [a, b, c, d].map((part) => `0${part.toString(8)}`).join('.'), [a, b, c, d].map((part) => `0x${hex(part)}`).join('.'),
    `${a}.${(b << 16) + (c << 8) + d}`, `${a}.${b}.${(c << 8) + d}`, `0x${hex(a)}.${(b << 16) + (c << 8) + d}`,
  ];
}

/** The IPv6 addresses (bracketed) that carry one IPv4 address. */
export function ipv6Wrappings(ip: string): string[] {
  const [high, low] = groups(ip);
  const [notHigh, notLow] = inverted(ip);
  return [
    `[::${ip}]`, `[::${high}:${low}]`, `[0:0:0:0:0:0:${ip}]`, `[::ffff:${ip}]`, `[::FFFF:${high.toUpperCase()}:${low.toUpperCase()}]`, `[0:0:0:0:0:ffff:${high}:${low}]`,
    `[::ffff:0:${ip}]`, `[::ffff:0:${high}:${low}]`, `[64:ff9b::${ip}]`, `[64:ff9b::${high}:${low}]`, `[64:ff9b:1::${ip}]`,
    `[2002:${high}:${low}::]`, `[2002:${high}:${low}:1::1]`, `[2001:0:4136:e378:8000:63bf:${notHigh}:${notLow}]`, `[2001:0:${high}:${low}::1]`,
    `[2606:4700:1::5efe:${ip}]`, `[2606:4700:1::200:5efe:${high}:${low}]`,
  ];
}

/** Private IPv6 ranges and private names, by themselves. */
const OTHERS = [
  '[::1]', '[::]', '[0:0:0:0:0:0:0:1]', '[fe80::1]', '[FE80::abcd]', '[fec0::1]', '[fc00::1]', '[fd00:ec2::254]', '[ff02::1]', '[100::1]',
  'localhost', 'LOCALHOST.', 'api.localhost', 'metadata', 'metadata.google.internal', 'instance-data.ec2.internal',
];

/** Every refused host, each once. */
export function refusedHosts(): string[] {
  return [...new Set([...TARGETS.flatMap((ip) => [...ipv4Spellings(ip), ...ipv6Wrappings(ip)]), ...OTHERS])];
}

/** A URL at a host, varied in scheme, port and path so the guard cannot lean on one shape. */
export function urlAt(host: string, index: number): string {
  const scheme = index % 2 === 0 ? 'http' : 'https';
  const port = ['', ':80', ':8080', ':443'][index % 4];
  const path = ['/', '/v1/graphql/', '/latest/meta-data/iam/security-credentials/', '/computeMetadata/v1/?recursive=true'][index % 4];
  return `${scheme}://${host}${port}${path}`;
}
