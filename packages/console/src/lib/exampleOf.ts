interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  readonly format?: string;
  readonly description?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly minimum?: number;
}

/** How deep an example goes: a recursive schema must not recurse forever. */
const MAX_DEPTH = 8;

/**
 * An example value for a JSON Schema, for the event catalogue when the schema gives none: its own `examples`, `const`,
 * first `enum` value or `default` where it has one, the id an `e.g. …` description names, and otherwise a plain value
 * of the type (every property of an object, one item of an array, the first non-null branch of a union).
 */
export function exampleOf(schema: unknown, depth = 0): unknown {
  const node = (schema ?? {}) as SchemaNode;
  if (depth > MAX_DEPTH) return null;
  if (node.examples !== undefined && node.examples.length > 0) return node.examples[0];
  if (node.const !== undefined) return node.const;
  if (node.enum !== undefined && node.enum.length > 0) return node.enum[0];
  if (node.default !== undefined) return node.default;
  const branches = node.anyOf ?? node.oneOf;
  if (branches !== undefined) {
    const branch = branches.find((candidate) => candidate.type !== 'null') ?? branches[0];
    return exampleOf(branch, depth + 1);
  }
  if (node.allOf !== undefined) return Object.fromEntries(node.allOf.flatMap((part) => Object.entries(exampleOf(part, depth + 1) as object)));
  const type = typeof node.type === 'string' ? node.type : node.type?.find((candidate) => candidate !== 'null');
  if (type === 'object' || (type === undefined && node.properties !== undefined)) {
    return Object.fromEntries(Object.entries(node.properties ?? {}).map(([name, property]) => [name, exampleOf(property, depth + 1)]));
  }
  if (type === 'array') return [exampleOf(node.items, depth + 1)];
  if (type === 'integer' || type === 'number') return node.minimum ?? 1;
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  if (type === 'string') {
    if (node.format === 'date-time') return '2025-06-01T12:00:00.000Z';
    if (node.format === 'uri') return 'https://example.com/';
    const named = /e\.g\.\s+(\S+)/.exec(node.description ?? '');
    return named?.[1]?.replace(/[.,;)]+$/, '') ?? 'string';
  }
  return null;
}
