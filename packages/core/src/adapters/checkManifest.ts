import semver from 'semver';
import { compileSchema, describeIssues } from '../validation/schemaValidator.js';
import { ADAPTER_MANIFEST_SCHEMA, PARTICIPATION_STATES, PARTICIPATION_TRIGGERS, SDK_VERSION, type AdapterManifest, type OperatorAdapter } from '@flexroll/sdk';
import { AdapterLoadError } from './AdapterLoadError.js';

const checkManifestShape = compileSchema(ADAPTER_MANIFEST_SCHEMA);

/**
 * Checks a manifest: its shape, its triggers, that its config and event schemas compile, and that its SDK range
 * includes this SDK. Throws an {@link AdapterLoadError} naming the first problem.
 */
export function checkManifest(specifier: string, manifest: unknown): AdapterManifest {
  const problems = checkManifestShape(manifest);
  if (problems.length > 0) throw new AdapterLoadError(specifier, 'manifest', describeIssues(problems));
  const checked = manifest as AdapterManifest;
  const unknown = checked.capabilities.drivenTriggers.filter((t) => !(PARTICIPATION_TRIGGERS as readonly string[]).includes(t));
  if (unknown.length > 0) throw new AdapterLoadError(specifier, 'manifest', `/capabilities/drivenTriggers names unknown triggers: ${unknown.join(', ')}`);
  const schemas: [string, object][] = [['configSchema', checked.configSchema], ...Object.entries(checked.operatorEvents).map(([type, s]): [string, object] => [`operatorEvents/${type}`, s])];
  for (const [where, schema] of schemas) {
    try {
      compileSchema(schema);
    } catch (error) {
      throw new AdapterLoadError(specifier, 'manifest', `/${where} is not a usable JSON Schema: ${(error as Error).message}`, error);
    }
  }
  if (semver.validRange(checked.sdkVersion) === null || !semver.satisfies(SDK_VERSION, checked.sdkVersion)) {
    throw new AdapterLoadError(specifier, 'sdk-version', `needs SDK ${checked.sdkVersion}, but this platform's SDK is ${SDK_VERSION}`);
  }
  return checked;
}

/**
 * Checks what the loader can check of an adapter beyond its manifest: that it maps both ways, maps the operator
 * events it declares, and overrides only real states with non-empty messages.
 */
export function checkAdapter(specifier: string, adapter: OperatorAdapter): AdapterManifest {
  const manifest = checkManifest(specifier, adapter.manifest);
  for (const required of ['triggerForStatusMove', 'statusForParticipation'] as const) {
    if (typeof adapter[required] !== 'function') throw new AdapterLoadError(specifier, 'manifest', `${required} must be a function`);
  }
  if (Object.keys(manifest.operatorEvents).length > 0 && typeof adapter.mapOperatorEvent !== 'function') {
    throw new AdapterLoadError(specifier, 'manifest', 'declares operatorEvents but has no mapOperatorEvent');
  }
  for (const [state, message] of Object.entries(adapter.messages ?? {})) {
    if (!(PARTICIPATION_STATES as readonly string[]).includes(state)) throw new AdapterLoadError(specifier, 'manifest', `/messages names an unknown state '${state}'`);
    if (typeof message !== 'string' || message.trim() === '') throw new AdapterLoadError(specifier, 'manifest', `/messages/${state} must be a non-empty string`);
  }
  return manifest;
}
