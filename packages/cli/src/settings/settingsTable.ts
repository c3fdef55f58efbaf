import { SETTINGS, type SettingSchema } from './settingsSchema.js';

/** The lines around the README's generated table; everything between them is rewritten. */
export const TABLE_START = '<!-- settings table: generated from packages/cli/src/settings/settingsSchema.ts by `npm run docs:settings` -->';
export const TABLE_END = '<!-- end of the generated settings table -->';

/**
 * The README's settings table, one row per setting of the schema, in its order.
 * @example settingsTable().split('\n')[2] // '| `FLEXROLL_PORT` (or `PORT`) | `3000` | the port to listen on (`--port` overrides it) |'
 */
export function settingsTable(): string {
  const rows = SETTINGS.map(([, schema]) => `| ${variables(schema)} | ${shownDefault(schema)} | ${schema.description} |`);
  return ['| variable | default | what it sets |', '|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between {@link TABLE_START} and {@link TABLE_END} replaced by {@link settingsTable}. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`The README has no settings table between '${TABLE_START}' and '${TABLE_END}'.`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${settingsTable()}\n${readme.slice(end)}`;
}

function variables(schema: SettingSchema): string {
  const [name, ...aliases] = schema.env;
  return `\`${name}\`${aliases.length === 0 ? '' : ` (or ${aliases.map((alias) => `\`${alias}\``).join(', ')})`}`;
}

function shownDefault(schema: SettingSchema): string {
  if (schema.shownDefault !== undefined) return schema.shownDefault;
  if (schema.default === undefined) return '(none)';
  const value = schema.default;
  return `\`${Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : JSON.stringify(value)}\``;
}
