import { expect } from 'chai';
import { embeddedIpv4 } from './embeddedIpv4.js';
import { isForbiddenAddress, isForbiddenHost } from './forbiddenAddress.js';
import { ipv6Groups } from './ipv6Groups.js';

describe('isForbiddenAddress', () => {
  /** [address, why it is refused]: every row is an address the platform must never call on a user's say-so. */
  const forbidden: readonly (readonly [string, string])[] = [
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['0.0.0.0', 'this network'], ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'cloud metadata'], ['169.254.0.1', 'link-local'], ['192.0.0.8', 'IETF protocol assignments'],
    ['192.88.99.1', '6to4 relay anycast'], ['198.18.0.1', 'benchmarking'], ['224.0.0.1', 'multicast'], ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'], ['::', 'unspecified'], ['[::1]', 'bracketed'], ['100::1', 'discard-only'], ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'AWS metadata'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local with a zone'], ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'], ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped, dotted'], ['::ffff:7f00:1', 'IPv4-mapped, hex (as WHATWG writes it)'], ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata'],
    ['::127.0.0.1', 'IPv4-compatible, dotted'], ['::7f00:1', 'IPv4-compatible, hex (WHATWG’s [::127.0.0.1])'], ['0:0:0:0:0:0:a9fe:a9fe', 'IPv4-compatible metadata, long form'],
    ['::ffff:0:7f00:1', 'SIIT IPv4-translated'], ['::ffff:0:10.0.0.1', 'SIIT IPv4-translated, dotted'],
    ['64:ff9b::10.0.0.1', 'NAT64 well-known, dotted'], ['64:ff9b::a9fe:a9fe', 'NAT64 well-known, hex'], ['64:ff9b:1::8.8.8.8', 'NAT64 local-use (RFC 8215)'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'], ['2002:a9fe:a9fe::1', '6to4 of the metadata address'], ['2002:c0a8:101:1::1', '6to4 of 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo, client 127.0.0.1 (stored inverted)'], ['2001:0:a00:1::1', 'Teredo, server 10.0.0.1'],
    ['2606:4700:1::200:5efe:7f00:1', 'ISATAP of 127.0.0.1 under a public prefix'], ['2606:4700:1::5efe:10.0.0.1', 'ISATAP of 10.0.0.1, dotted'],
  ];
  const allowed: readonly (readonly [string, string])[] = [
    ['8.8.8.8', 'public IPv4'], ['172.32.0.1', 'just past 172.16/12'], ['192.169.0.1', 'just past 192.168/16'], ['100.128.0.1', 'just past 100.64/10'],
    ['2606:4700:4700::1111', 'public IPv6'], ['::ffff:8.8.8.8', 'IPv4-mapped public'], ['64:ff9b::8.8.8.8', 'NAT64 of a public address'],
    ['2002:808:808::1', '6to4 of 8.8.8.8'], ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'Teredo, public server and client 8.8.8.8'],
    ['hooks.example.com', 'a name (judged by what it resolves to)'],
  ];
  for (const [address, why] of forbidden) it(`refuses ${address} (${why})`, () => expect(isForbiddenAddress(address)).to.equal(true));
  for (const [address, why] of allowed) it(`allows ${address} (${why})`, () => expect(isForbiddenAddress(address)).to.equal(false));
});

describe('isForbiddenHost', () => {
  /** [URL, why]: hosts as WHATWG's URL parser leaves them; every odd IPv4 spelling becomes the dotted address first. */
  const refused: readonly (readonly [string, string])[] = [
    ['http://2130706433/', 'decimal 127.0.0.1'], ['http://0x7f.1/', 'hex and short 127.0.0.1'], ['http://017700000001/', 'octal 127.0.0.1'],
    ['http://0x7f000001/', 'one hex number'], ['http://127.1/', 'short form'], ['http://0/', '0.0.0.0 as 0'], ['http://127.0.0.1./', 'trailing dot'],
    ['http://0251.0376.0251.0376/', 'octal metadata address'], ['http://[::127.0.0.1]/', 'IPv4-compatible'], ['http://[::ffff:0:7f00:1]/', 'SIIT'],
    ['http://[2002:7f00:1::]/', '6to4'], ['http://[64:ff9b::169.254.169.254]/', 'NAT64 of the metadata address'], ['http://[::ffff:127.0.0.1]:8080/', 'mapped, with a port'],
    ['http://localhost/', 'localhost'], ['http://LOCALHOST./', 'localhost, any case, trailing dot'], ['http://api.localhost/', 'a subdomain of localhost'],
    ['http://metadata.google.internal/', 'GCP metadata name'], ['http://instance-data/', 'AWS metadata name'],
  ];
  for (const [url, why] of refused) it(`refuses ${url} (${why})`, () => expect(isForbiddenHost(new URL(url).hostname)).to.equal(true));
  it('leaves a public name and a public address to the lookup', () => {
    expect(['https://api.octopus.energy/v1/graphql/', 'http://8.8.8.8/', 'http://[2606:4700:4700::1111]/'].map((url) => isForbiddenHost(new URL(url).hostname))).to.deep.equal([false, false, false]);
  });
});

describe('embeddedIpv4 and ipv6Groups', () => {
  it('finds the IPv4 address in each wrapping, and none in a plain IPv6 address or a non-address', () => {
    expect(embeddedIpv4('2002:7f00:1::')).to.deep.equal(['127.0.0.1']);
    expect(embeddedIpv4('2001:0:4136:e378:8000:63bf:3fff:fdd2')).to.deep.equal(['65.54.227.120', '192.0.2.45']);
    expect(embeddedIpv4('2606:4700:4700::1111')).to.deep.equal([]);
    expect(embeddedIpv4('example.com')).to.deep.equal([]);
  });
  it('expands :: and a dotted tail, and refuses what is not eight groups', () => {
    expect(ipv6Groups('::ffff:1.2.3.4')).to.deep.equal([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(ipv6Groups('1:2:3:4:5:6:7:8')).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([ipv6Groups('1:2:3'), ipv6Groups('1::2::3'), ipv6Groups('::1.2.3.256'), ipv6Groups('1:2:3:4:5:6:7:8::')]).to.deep.equal([undefined, undefined, undefined, undefined]);
  });
});
