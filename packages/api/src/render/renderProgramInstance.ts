import { AdapterRegistry, CORE_TOKENS, maskConfig, resolvePort, type ProgramInstance } from '@flexroll/core';
import type { Container } from 'inversify';

/** A program instance without its workspace id, its adapter config's secret values masked (stored sealed). */
export function renderProgramInstance(instance: ProgramInstance, container: Container): Record<string, unknown> {
  const { workspaceId: _workspace, ...visible } = instance;
  const registry: AdapterRegistry = resolvePort(container, CORE_TOKENS.adapters);
  const schema = registry.get(instance.adapter.adapterId).manifest.configSchema;
  return { ...visible, adapter: { ...instance.adapter, config: maskConfig(schema, instance.adapter.config) } };
}
