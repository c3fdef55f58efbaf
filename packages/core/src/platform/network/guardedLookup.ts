import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isForbiddenAddress, isForbiddenHostName } from './forbiddenAddress.js';

/** A resolver: every address a host name has now (dns.lookup by default, the system's answer). */
export type ResolveAll = (host: string) => Promise<readonly LookupAddress[]>;

export const systemResolve: ResolveAll = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * The error a refused address gives, so the delivery log (or the adapter's error) says why. Its `code` is what the
 * SDK's operator client recognises (it does not retry a refusal).
 */
export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a loopback, private, link-local, unique-local or metadata address; the platform does not call it`);
  }
}

/**
 * A `lookup` for node's http client that resolves once, refuses the connection when ANY answer is a forbidden
 * address (so a DNS answer that changed since the URL was saved, or mixes public and private addresses, is
 * caught), and hands node exactly the addresses it checked: the socket connects to a checked address, and the
 * name is never resolved a second time.
 */
export function guardedLookup(resolve: ResolveAll, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback;
    resolve(hostname).then(
      (addresses) => {
        const forbidden = allowPrivate ? undefined : addresses.find((entry) => isForbiddenAddress(entry.address));
        if (isForbiddenHostName(hostname) && !allowPrivate) return done(new ForbiddenAddressError(hostname, 'a private host name'), '');
        if (forbidden !== undefined) return done(new ForbiddenAddressError(hostname, forbidden.address), '');
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : [...addresses];
        const first = wanted[0];
        if (first === undefined) return done(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        if (options.all === true) return done(null, wanted);
        return done(null, first.address, first.family);
      },
      (error: Error) => done(error, ''),
    );
  };
}
