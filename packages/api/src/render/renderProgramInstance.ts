import type { ProgramInstance } from '@flexroll/core';

/**
 * A program instance without its workspace id; its adapter config's secrets arrive masked from the service. Its version
 * travels as the `ETag` header (issue 24), as an enrollment's `seq` does, so the body stays as it was.
 */
export function renderProgramInstance(instance: ProgramInstance): Record<string, unknown> {
  // The enrollment page is its own resource (`…/enrollment-page`), not a field of the instance.
  const { workspaceId: _workspace, enrollmentPage: _page, eligibilityRules, version: _version, ...visible } = instance;
  if (eligibilityRules === undefined) return visible;
  // The rules as a client writes them (so a read can be sent back), with their version beside them.
  return { ...visible, eligibilityRules: eligibilityRules.rules, eligibilityRulesVersion: eligibilityRules.version, eligibilityRulesSavedAt: eligibilityRules.savedAt };
}
