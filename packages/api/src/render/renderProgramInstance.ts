import type { ProgramInstance } from '@flexroll/core';

/** A program instance without its workspace id; its adapter config's secrets arrive masked from the service. */
export function renderProgramInstance(instance: ProgramInstance): Record<string, unknown> {
  const { workspaceId: _workspace, ...visible } = instance;
  return visible;
}
