import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { defineAdapter, SDK_VERSION, type AdapterManifest, type OperatorAdapter } from '@flexroll/sdk';
import { AdapterLoadError } from './AdapterLoadError.js';
import { AdapterRegistry } from './AdapterRegistry.js';
import { loadAdapters } from './loadAdapters.js';
import { validateAdapterConfig } from './validateAdapterConfig.js';

const manifest: AdapterManifest = {
  id: 'acme-vpp',
  name: 'Acme VPP',
  version: '1.0.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema: {
    type: 'object',
    required: ['apiToken', 'region'],
    additionalProperties: false,
    properties: { apiToken: { type: 'string', minLength: 8, 'x-secret': true }, region: { enum: ['eu', 'us'] } },
  },
  capabilities: { meterAccess: 'optional', drivenTriggers: ['device_live'] },
  operatorEvents: {},
};

function adapterWith(patch: Partial<AdapterManifest>): OperatorAdapter {
  return defineAdapter({ manifest: { ...manifest, ...patch }, triggerForStatusMove: () => undefined, statusForParticipation: ({ currentStatus }) => currentStatus });
}

/** Loads from an in-memory module table, as if each specifier were a package exporting the given value. */
const importing = (modules: Record<string, unknown>) => ({ importer: async (specifier: string) => modules[specifier] });

async function loadError(specifiers: string[], options?: Parameters<typeof loadAdapters>[1]): Promise<AdapterLoadError> {
  const error = await loadAdapters(specifiers, options).then(() => undefined, (caught: unknown) => caught);
  expect(error).to.be.instanceOf(AdapterLoadError);
  return error as AdapterLoadError;
}

describe(loadAdapters.name, () => {
  it('loads an adapter from a package folder, through its package.json', async () => {
    const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../plugins/manual');
    const adapters = await loadAdapters([folder]);
    expect(adapters.map((adapter) => adapter.manifest.id)).to.deep.equal(['manual']);
  });

  it('reads a path without ./ (plugins/manual) as the folder it names under the working directory', async () => {
    const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
    const adapters = await loadAdapters(['plugins/manual'], { cwd: checkout });
    expect(adapters.map((adapter) => adapter.manifest.id)).to.deep.equal(['manual']);
  });

  it('loads an adapter exported by default, by its id', async () => {
    const adapters = await loadAdapters(['acme'], importing({ acme: { default: adapterWith({}) } }));
    expect(adapters.map((adapter) => adapter.manifest.id)).to.deep.equal(['acme-vpp']);
  });

  describe('when an adapter cannot be loaded, stops with one line naming it, the phase and the problem', () => {
    it('having a missing package', async () => {
      const error = await loadError(['@flexroll/no-such-adapter']);
      expect(error.message).to.match(/^Adapter '@flexroll\/no-such-adapter' failed to load \(resolve\): Cannot find package '@flexroll\/no-such-adapter'/);
      expect(error.message).to.not.contain('\n');
    });

    it('having a module that exports no adapter', async () => {
      const error = await loadError(['plain'], importing({ plain: { default: { hello: 'world' } } }));
      expect(error.message).to.equal("Adapter 'plain' failed to load (export): exports no adapter made by defineAdapter (expected a default export)");
    });

    it('having a bad manifest', async () => {
      const error = await loadError(['bad'], importing({ bad: { default: adapterWith({ id: 'Acme VPP', version: 'one' }) } }));
      expect(error.message).to.equal("Adapter 'bad' failed to load (manifest): /id must match pattern \"^[a-z][a-z0-9-]{1,62}$\"; /version must match pattern \"^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$\"");
    });

    it('having an incompatible SDK version', async () => {
      const error = await loadError(['old'], importing({ old: { default: adapterWith({ sdkVersion: '^2.0.0' }) } }));
      expect(error.message).to.equal(`Adapter 'old' failed to load (sdk-version): needs SDK ^2.0.0, but this platform's SDK is ${SDK_VERSION}`);
    });

    it('having a message override for a state that does not exist, or an empty one', async () => {
      const unknownState = await loadError(['odd'], importing({ odd: { default: defineAdapter({ ...adapterWith({}), messages: { DANCING: 'Dance!' } as never }) } }));
      expect(unknownState.message).to.equal("Adapter 'odd' failed to load (manifest): /messages names an unknown state 'DANCING'");
      const empty = await loadError(['mute'], importing({ mute: { default: defineAdapter({ ...adapterWith({}), messages: { ACTIVE: ' ' } }) } }));
      expect(empty.message).to.equal("Adapter 'mute' failed to load (manifest): /messages/ACTIVE must be a non-empty string");
    });

    it('having a path without ./ that names nothing there, saying what to write', async () => {
      const error = await loadError(['plugins/acme-vpp'], { cwd: '/tmp' });
      expect(error.message).to.equal(
        "Adapter 'plugins/acme-vpp' failed to load (resolve): 'plugins/acme-vpp' is neither a folder or file under /tmp nor a package name (only scoped names such as @scope/name have a '/'); write a path as ./plugins/acme-vpp or an absolute path, or a package by its name",
      );
    });

    it('having several problems, naming each one’s field, all at once', async () => {
      const many = defineAdapter({
        ...adapterWith({ id: 'Acme VPP', capabilities: { meterAccess: 'optional', drivenTriggers: ['device_live'] } }),
        statusForParticipation: 'approved' as never,
        messages: { DANCING: 'Dance!' } as never,
      });
      const error = await loadError(['many'], importing({ many: { default: many } }));
      expect(error.problems).to.deep.equal([
        '/id must match pattern "^[a-z][a-z0-9-]{1,62}$"',
        '/statusForParticipation must be a function',
        "/messages names an unknown state 'DANCING'",
      ]);
      const schemas = await loadError(['odd'], importing({ odd: { default: adapterWith({ capabilities: { meterAccess: 'optional', drivenTriggers: ['go_live' as never] }, configSchema: { type: 'object', properties: { region: { enum: 'eu' } } }, sdkVersion: '^9.0.0' }) } }));
      expect([schemas.phase, schemas.problems.length]).to.deep.equal(['manifest', 3]);
      expect(schemas.message).to.match(/\/capabilities\/drivenTriggers names unknown triggers: go_live; \/configSchema is not a usable JSON Schema: .*; \/sdkVersion needs SDK \^9\.0\.0/);
    });

    it('having native statuses that agree on values they do not declare', async () => {
      const error = await loadError(['statuses'], importing({ statuses: { default: adapterWith({ nativeStatuses: { device: { description: 'the device', values: ['LIVE'], agreesWith: { RETIRED: ['OFFBOARDED'] } } } }) } }));
      expect(error.message).to.equal("Adapter 'statuses' failed to load (manifest): /nativeStatuses/device/agreesWith names 'RETIRED', which is not one of its values");
    });

    it('asking for a service the platform does not provide', async () => {
      const error = await loadError(['needy'], importing({ needy: { default: defineAdapter({ ...adapterWith({}), needs: ['logger', 'database' as never] }) } }));
      expect(error.message).to.equal("Adapter 'needy' failed to load (manifest): /needs must list only the platform's services: logger, http");
    });

    it('having two adapters with one id', async () => {
      const error = await loadError(['a', 'b'], importing({ a: { default: adapterWith({}) }, b: { default: adapterWith({}) } }));
      expect(error.message).to.equal("Adapter 'b' failed to load (duplicate): another adapter already has the id 'acme-vpp'");
    });
  });
});

describe(validateAdapterConfig.name, () => {
  const adapter = adapterWith({});

  it('accepts a config that fits the adapter’s schema', () => {
    expect(() => validateAdapterConfig(adapter, { apiToken: 'acme-secret-token', region: 'eu' })).to.not.throw();
  });

  it('refuses one that does not, with field-level details under /adapter/config', () => {
    const error = (() => {
      try {
        validateAdapterConfig(adapter, { region: 'asia', colour: 'blue' });
      } catch (caught) {
        return caught as { details: { field: string; rule: string }[] };
      }
      return undefined;
    })();
    expect(error?.details.map((issue) => `${issue.field} ${issue.rule}`)).to.have.members([
      '/adapter/config/apiToken required',
      '/adapter/config/colour additionalProperties',
      '/adapter/config/region enum',
    ]);
  });

  it('names the loaded adapters when an instance asks for another', () => {
    expect(() => new AdapterRegistry([adapter]).get('kraken')).to.throw("No adapter 'kraken' is loaded; loaded: acme-vpp");
  });
});
