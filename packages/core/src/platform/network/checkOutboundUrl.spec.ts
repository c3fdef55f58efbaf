import { expect } from 'chai';
import { checkOutboundUrl, type UrlCheckOptions } from './checkOutboundUrl.js';

describe(checkOutboundUrl.name, () => {
  const options = (more: Partial<UrlCheckOptions> = {}): UrlCheckOptions => ({ allowPrivateNetworks: false, field: '/adapter/config/apiBaseUrl', subject: "adapter config's apiBaseUrl", ...more });
  const refusal = async (url: string, more: Partial<UrlCheckOptions> = {}) =>
    checkOutboundUrl(url, options(more)).then(() => undefined, (error: { message: string; details: { field: string; rule: string }[] }) => ({ ...error.details[0], summary: error.message }));

  it('refuses a private host by address, by name, and by what the name resolves to now, naming the field and the rule', async () => {
    expect(await refusal('http://10.0.0.1/x')).to.deep.include({ field: '/adapter/config/apiBaseUrl', rule: 'public_address' });
    expect((await refusal('http://169.254.169.254/latest/meta-data/'))?.summary).to.match(/^The adapter config's apiBaseUrl is refused: it must not point at a loopback, private/);
    expect((await refusal('http://metadata.google.internal/x'))?.rule).to.equal('public_address');
    expect((await refusal('https://rebind.example/x', { resolve: async () => ['93.184.216.34', '192.168.0.5'] }))?.rule).to.equal('public_address');
    expect(await refusal('https://api.example/x', { resolve: async () => ['93.184.216.34'] })).to.equal(undefined);
    expect(await refusal('https://unresolved.example/x', { resolve: async () => { throw new Error('ENOTFOUND'); } })).to.equal(undefined);
  });

  it('reads odd IPv4 spellings and IPv6-wrapped IPv4 as the address they are', async () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://[::127.0.0.1]/', 'http://[::ffff:0:7f00:1]/', 'http://[2002:7f00:1::]/']) {
      expect((await refusal(url))?.rule, url).to.equal('public_address');
    }
  });

  it('refuses other schemes and credentials in the URL; the development setting allows private hosts only', async () => {
    expect((await refusal('ftp://api.example/x', { allowPrivateNetworks: true }))?.rule).to.equal('format');
    expect((await refusal('not a url', { allowPrivateNetworks: true }))?.rule).to.equal('format');
    expect((await refusal('https://user:pass@api.example/x', { allowPrivateNetworks: true }))?.rule).to.equal('no_credentials');
    expect(await refusal('http://127.0.0.1:9/x', { allowPrivateNetworks: true })).to.equal(undefined);
  });
});
