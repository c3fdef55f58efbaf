import { expect } from 'chai';
import { checkWebhookUrl } from './checkWebhookUrl.js';
import { isForbiddenAddress } from './forbiddenAddress.js';

describe('isForbiddenAddress', () => {
  const forbidden = [
    '127.0.0.1', '127.255.0.9', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '169.254.169.254', '169.254.0.1',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd00:ec2::254', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '[::1]', '64:ff9b::10.0.0.1',
  ];
  const allowed = ['8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', 'hooks.example.com'];
  for (const address of forbidden) it(`refuses ${address}`, () => expect(isForbiddenAddress(address)).to.equal(true));
  for (const address of allowed) it(`allows ${address}`, () => expect(isForbiddenAddress(address)).to.equal(false));
});

describe('checkWebhookUrl', () => {
  const refuse = async (url: string, options: Parameters<typeof checkWebhookUrl>[1]) => (await checkWebhookUrl(url, options).then(() => undefined, (error: { details: { rule: string }[] }) => error.details[0]?.rule));

  it('refuses a private host by address, by name, and by what the name resolves to now', async () => {
    expect(await refuse('http://10.0.0.1/x', { allowPrivateNetworks: false })).to.equal('public_address');
    expect(await refuse('http://metadata.google.internal/x', { allowPrivateNetworks: false })).to.equal('public_address');
    expect(await refuse('https://rebind.example/x', { allowPrivateNetworks: false, resolve: async () => ['93.184.216.34', '192.168.0.5'] })).to.equal('public_address');
    expect(await refuse('https://hooks.example/x', { allowPrivateNetworks: false, resolve: async () => ['93.184.216.34'] })).to.equal(undefined);
    expect(await refuse('https://unresolved.example/x', { allowPrivateNetworks: false, resolve: async () => { throw new Error('ENOTFOUND'); } })).to.equal(undefined);
  });

  it('refuses other schemes and credentials in the URL; the development setting allows private hosts only', async () => {
    expect(await refuse('ftp://hooks.example/x', { allowPrivateNetworks: true })).to.equal('format');
    expect(await refuse('https://user:pass@hooks.example/x', { allowPrivateNetworks: true })).to.equal('no_credentials');
    expect(await refuse('http://127.0.0.1:9/x', { allowPrivateNetworks: true })).to.equal(undefined);
  });
});
