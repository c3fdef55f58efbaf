import semver from 'semver';
import { compileSchema, describeIssues } from '../../platform/index.js';
import { ADAPTER_MANIFEST_SCHEMA, ADAPTER_NEEDS, PARTICIPATION_STATES, PARTICIPATION_TRIGGERS, SDK_VERSION, type AdapterManifest, type OperatorAdapter } from '@flexroll/sdk';
import { AdapterLoadError } from './AdapterLoadError.js';

const checkManifestShape = compileSchema(ADAPTER_MANIFEST_SCHEMA);

/**
 * Checks a manifest — its shape, its triggers, that its config and event schemas compile, its native statuses and
 * polling, and that its SDK range includes this SDK — and throws one {@link AdapterLoadError} listing every problem,
 * each naming its field. Only an SDK range problem on its own is reported in the `sdk-version` phase.
 */
export function checkManifest(specifier: string, manifest: unknown): AdapterManifest {
  const problems = manifestProblems(manifest);
  const sdk = sdkProblem(manifest);
  if (problems.length > 0) throw new AdapterLoadError(specifier, 'manifest', [...problems, ...(sdk === undefined ? [] : [`/sdkVersion ${sdk}`])]);
  if (sdk !== undefined) throw new AdapterLoadError(specifier, 'sdk-version', [sdk]);
  return manifest as AdapterManifest;
}

/**
 * Checks what the loader can check of an adapter beyond its manifest — that it maps both ways, maps the operator
 * events it declares, overrides only real states with non-empty messages — together with the manifest, and reports
 * every problem at once.
 */
export function checkAdapter(specifier: string, adapter: OperatorAdapter): AdapterManifest {
  const problems = [...manifestProblems(adapter.manifest), ...codeProblems(adapter)];
  const sdk = sdkProblem(adapter.manifest);
  if (problems.length > 0) throw new AdapterLoadError(specifier, 'manifest', [...problems, ...(sdk === undefined ? [] : [`/sdkVersion ${sdk}`])]);
  return checkManifest(specifier, adapter.manifest);
}

function manifestProblems(manifest: unknown): string[] {
  const shape = checkManifestShape(manifest);
  if (shape.length > 0) return [describeIssues(shape)];
  const checked = manifest as AdapterManifest;
  const problems: string[] = [];
  const unknown = checked.capabilities.drivenTriggers.filter((t) => !(PARTICIPATION_TRIGGERS as readonly string[]).includes(t));
  if (unknown.length > 0) problems.push(`/capabilities/drivenTriggers names unknown triggers: ${unknown.join(', ')}`);
  const schemas: [string, object][] = [['configSchema', checked.configSchema], ...Object.entries(checked.operatorEvents).map(([type, s]): [string, object] => [`operatorEvents/${type}`, s])];
  for (const [where, schema] of schemas) {
    try {
      compileSchema(schema);
    } catch (error) {
      problems.push(`/${where} is not a usable JSON Schema: ${(error as Error).message}`);
    }
  }
  for (const [name, declaration] of Object.entries(checked.nativeStatuses ?? {})) {
    for (const value of Object.keys(declaration.agreesWith ?? {})) {
      if (!declaration.values.includes(value)) problems.push(`/nativeStatuses/${name}/agreesWith names '${value}', which is not one of its values`);
    }
  }
  const { intervalSeconds, maxIntervalSeconds } = checked.polling ?? {};
  if (intervalSeconds !== undefined && maxIntervalSeconds !== undefined && maxIntervalSeconds < intervalSeconds) {
    problems.push(`/polling/maxIntervalSeconds must be at least intervalSeconds (${intervalSeconds})`);
  }
  return problems;
}

function codeProblems(adapter: OperatorAdapter): string[] {
  const problems: string[] = [];
  for (const required of ['triggerForStatusMove', 'statusForParticipation'] as const) {
    if (typeof adapter[required] !== 'function') problems.push(`/${required} must be a function`);
  }
  const events = adapter.manifest?.operatorEvents;
  if (events !== null && typeof events === 'object' && Object.keys(events).length > 0 && typeof adapter.mapOperatorEvent !== 'function') {
    problems.push('/mapOperatorEvent is missing: the manifest declares operatorEvents');
  }
  for (const hook of ['mapOperatorEvent', 'receiveWebhook', 'evaluateEligibility', 'onParticipationChanged', 'sync', 'syncMany'] as const) {
    if (adapter[hook] !== undefined && typeof adapter[hook] !== 'function') problems.push(`/${hook} must be a function`);
  }
  const needs: unknown = adapter.needs;
  if (needs !== undefined && (!Array.isArray(needs) || needs.some((need) => !(ADAPTER_NEEDS as readonly unknown[]).includes(need)))) {
    problems.push(`/needs must list only the platform's services: ${ADAPTER_NEEDS.join(', ')}`);
  }
  for (const [state, message] of Object.entries(adapter.messages ?? {})) {
    if (!(PARTICIPATION_STATES as readonly string[]).includes(state)) problems.push(`/messages names an unknown state '${state}'`);
    else if (typeof message !== 'string' || message.trim() === '') problems.push(`/messages/${state} must be a non-empty string`);
  }
  return problems;
}

function sdkProblem(manifest: unknown): string | undefined {
  const range = (manifest as { sdkVersion?: unknown } | undefined)?.sdkVersion;
  if (typeof range !== 'string') return undefined;
  if (semver.validRange(range) === null || !semver.satisfies(SDK_VERSION, range)) return `needs SDK ${range}, but this platform's SDK is ${SDK_VERSION}`;
  return undefined;
}
