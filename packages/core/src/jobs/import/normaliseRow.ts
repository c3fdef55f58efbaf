import { InputError } from '@flexroll/sdk';
import { csvKindOf, IMPORT_COLUMN_FIELDS, ADDRESS_SCHEMA } from '../../enrollments/index.js';

/** Seed 004's request fields, from the catalogue (plus `rowKey`, an explicit row key for rows without a referenceId). */
const TOP_LEVEL: readonly string[] = ['identificationType', ...IMPORT_COLUMN_FIELDS, 'rowKey'];
const ADDRESS: readonly string[] = Object.keys(ADDRESS_SCHEMA.properties);

/** A row in seed 004's shape, and how to name its fields the way the file did. */
export interface NormalisedRow {
  readonly value: Record<string, unknown>;
  /** JSON pointer in seed 004's names → the file's own (`/referenceId` → `/reference_id`). */
  readonly originalNames: ReadonlyMap<string, string>;
}

/** `reference_id` → `referenceId`; camelCase stays as it is. Seed 004 writes camelCase, seeds 000–002 snake_case. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Where a CSV column goes in the row: `['referenceId']`, `['address', 'postalCode']`, `['metadata', 'utilityAccount']`; undefined if unknown. */
export function columnPath(header: string): readonly string[] | undefined {
  const name = header.trim();
  if (name.startsWith('metadata.') && name.length > 'metadata.'.length) return ['metadata', name.slice('metadata.'.length)];
  const nested = /^address[._](.+)$/.exec(name);
  const field = camelCase(nested?.[1] ?? name);
  if (ADDRESS.includes(field)) return ['address', field];
  if (nested === null && TOP_LEVEL.includes(field)) return [field];
  return undefined;
}

/** Checks a CSV header before any row is staged: every column known, none twice. */
export function checkCsvHeader(header: readonly string[]): Array<readonly string[]> {
  const paths = header.map(columnPath);
  const unknown = header.filter((_, index) => paths[index] === undefined);
  const seen = new Set<string>();
  const twice = header.filter((_, index) => {
    const key = paths[index]?.join('.') ?? `?${index}`;
    return seen.has(key) ? true : (seen.add(key), false);
  });
  const issues = [
    ...unknown.map((name) => ({ field: `/columns/${name}`, rule: 'known_column', message: `is not a seed 004 field (known: ${[...TOP_LEVEL, ...ADDRESS].join(', ')}, address.<field>, metadata.<key>)` })),
    ...twice.map((name) => ({ field: `/columns/${name}`, rule: 'unique_column', message: 'names a field another column already fills' })),
  ];
  if (header.length === 0 || header.every((name) => name.trim() === '')) issues.push({ field: '/columns', rule: 'required', message: 'the first line must name the columns' });
  if (issues.length > 0) throw new InputError(`The CSV header is not usable: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`, issues);
  return paths as Array<readonly string[]>;
}

/** A CSV record as a row: empty cells are absent, lists split on `;` or `,`, a `metadata` cell may hold a JSON object. */
export function csvRow(paths: ReadonlyArray<readonly string[]>, header: readonly string[], cells: readonly string[]): NormalisedRow {
  const value: Record<string, unknown> = {};
  const originalNames = new Map<string, string>();
  paths.forEach((path, index) => {
    const cell = cells[index]?.trim() ?? '';
    if (cell === '') return;
    const [top, inner] = path as [string, string | undefined];
    originalNames.set(`/${path.join('/')}`, `/${header[index]!.trim()}`);
    if (inner !== undefined) nested(value, top)[inner] = cell;
    else value[top] = cellValue(csvKindOf(top), cell);
  });
  return { value, originalNames };
}

/** A cell as its field's value: a list split on `;` or `,`, an object from JSON, else the text itself. */
function cellValue(kind: ReturnType<typeof csvKindOf>, cell: string): unknown {
  if (kind === 'list') return cell.split(/[;,]/).map((item) => item.trim()).filter((item) => item !== '');
  return kind === 'json' ? parseJson(cell) : cell;
}

/** An NDJSON object as a row: field names in either casing, nulls absent; unknown fields are kept for the schema to refuse by name. */
export function jsonRow(input: Readonly<Record<string, unknown>>): NormalisedRow {
  const value: Record<string, unknown> = {};
  const originalNames = new Map<string, string>();
  for (const [name, given] of Object.entries(input)) {
    if (given === null || given === undefined) continue;
    const path = columnPath(name);
    const target = path?.length === 1 ? path[0]! : path?.[0] === 'address' ? 'address' : name;
    if (path !== undefined) originalNames.set(`/${path.join('/')}`, `/${name}`);
    if (path?.[0] === 'address' && path.length === 2) nested(value, 'address')[path[1]!] = given;
    else if (target === 'address' && isObject(given)) value.address = { ...(value.address as object | undefined), ...addressOf(given, name, originalNames) };
    else value[target] = given;
  }
  return { value, originalNames };
}

function addressOf(given: Readonly<Record<string, unknown>>, parent: string, names: Map<string, string>): Record<string, unknown> {
  const address: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(given)) {
    if (item === null || item === undefined) continue;
    const field = camelCase(name);
    names.set(`/address/${field}`, `/${parent}/${name}`);
    address[field] = item;
  }
  return address;
}

/** A field pointer in the file's own names. */
export function originalField(row: NormalisedRow, field: string): string {
  let best: [string, string] | undefined;
  for (const [canonical, original] of row.originalNames) {
    const matches = field === canonical || field.startsWith(`${canonical}/`);
    if (matches && canonical.length > (best?.[0].length ?? -1)) best = [canonical, original];
  }
  return best === undefined ? field : best[1] + field.slice(best[0].length);
}

/** The object under `name`, made if absent. */
function nested(row: Record<string, unknown>, name: string): Record<string, unknown> {
  return (row[name] ??= {}) as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(cell: string): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
}
