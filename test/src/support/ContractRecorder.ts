import { ALL_ROUTES, schemas, type RouteDefinition } from '@flexroll/api';
import { compileSchema, describeIssues, type SchemaCheck } from '@flexroll/core';

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly validators: Map<number, SchemaCheck | null>;
}

const ERROR_VALIDATOR = compileSchema(schemas.ErrorBody);
const COMPILED: readonly CompiledRoute[] = ALL_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
  validators: new Map(Object.entries(route.responses).map(([status, schema]) => [Number(status), schema === null ? null : compileSchema(schema)])),
}));

/**
 * Checks every response a test receives against the OpenAPI contract of its route: a success against the
 * route's declared schema for that status, an error against the one error shape. Collects what does not match.
 */
export class ContractRecorder {
  readonly violations: string[] = [];
  readonly seen = new Set<string>();

  check(method: string, path: string, status: number, body: unknown): void {
    const bare = path.split('?')[0]!;
    const match = COMPILED.find((candidate) => candidate.route.method === method.toLowerCase() && candidate.pattern.test(bare));
    if (match === undefined) {
      if (status !== 404) this.violations.push(`${method} ${bare} answered ${status} but is not in the contract`);
      else this.checkError(method, bare, status, body);
      return;
    }
    this.seen.add(`${match.route.method} ${match.route.path} ${status}`);
    if (status >= 400) return this.checkError(method, bare, status, body);
    if (!match.validators.has(status)) return void this.violations.push(`${method} ${bare} answered undeclared status ${status}`);
    // A download (a CSV) is text, not JSON: callers that parse JSON hand it over as undefined; its own spec reads it.
    if (match.route.produces !== undefined) return;
    const check = match.validators.get(status);
    if (check === null || check === undefined) {
      if (body !== undefined) this.violations.push(`${method} ${bare} ${status} should have no body`);
      return;
    }
    const issues = check(body);
    if (issues.length > 0) this.violations.push(`${method} ${bare} ${status}: ${describeIssues(issues.slice(0, 3))}`);
  }

  private checkError(method: string, path: string, status: number, body: unknown): void {
    const issues = ERROR_VALIDATOR(body);
    if (issues.length > 0) this.violations.push(`${method} ${path} ${status} error body: ${describeIssues(issues.slice(0, 3))}`);
  }
}
