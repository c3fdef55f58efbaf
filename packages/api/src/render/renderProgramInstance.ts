import { AdapterGateway, secretConfigFields, type ProgramInstance } from '@flexroll/core';
import type { Container } from 'inversify';

/** What a secret config value reads as, everywhere outside the adapter call itself. */
export const SECRET_MASK = '********';

/** A program instance without its workspace id, its adapter config's secret values masked. */
export function renderProgramInstance(instance: ProgramInstance, container: Container): Record<string, unknown> {
  const { workspaceId: _workspace, ...visible } = instance;
  const secrets = secretConfigFields(container.get(AdapterGateway).for(instance).adapter.manifest.configSchema);
  const config = Object.fromEntries(Object.entries(instance.adapter.config).map(([name, value]) => [name, secrets.includes(name) ? SECRET_MASK : value]));
  return { ...visible, adapter: { ...instance.adapter, config } };
}
