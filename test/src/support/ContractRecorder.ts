import { ALL_ROUTES, compileResponseValidator, schemas, type RouteDefinition } from '@flexroll/api';
type ValidateFunction = ReturnType<typeof compileResponseValidator>;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly validators: Map<number, ValidateFunction | null>;
}

const ERROR_VALIDATOR = compileResponseValidator(schemas.ErrorBody);
const COMPILED: readonly CompiledRoute[] = ALL_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
  validators: new Map(Object.entries(route.responses).map(([status, schema]) => [Number(status), schema === null ? null : compileResponseValidator(schema)])),
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
    const validate = match.validators.get(status);
    if (validate === null) {
      if (body !== undefined) this.violations.push(`${method} ${bare} ${status} should have no body`);
    } else if (!validate!(body)) {
      this.violations.push(`${method} ${bare} ${status}: ${JSON.stringify(validate!.errors?.slice(0, 3))}`);
    }
  }

  private checkError(method: string, path: string, status: number, body: unknown): void {
    if (!ERROR_VALIDATOR(body)) this.violations.push(`${method} ${path} ${status} error body: ${JSON.stringify(ERROR_VALIDATOR.errors?.slice(0, 3))}`);
  }
}
