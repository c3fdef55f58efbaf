/**
 * Field names as stored. FerretDB v1 refuses any field name containing `.` or starting with `$`
 * (`invalid key: "a.b" (key must not contain '.' sign)`, code 2), even deep inside free-form data such as an
 * enrollment's `metadata`, and BSON cannot hold a NUL in a name. Those characters, and `%` itself so that the
 * encoding can be undone, are written as `%XX`; every other name is stored unchanged, so the indexed and
 * queried fields (`workspaceId`, `participation.state`, …) are never affected.
 */
const UNSAFE_CHARACTERS = /[%.\0]|^\$/g;
/** The same, asked once: almost every name is safe, and a test is several times cheaper than a replace that finds nothing. */
const ANY_UNSAFE_CHARACTER = /[%.\0]|^\$/;
const ESCAPE = /%([0-9A-F]{2})/g;

export function encodeKey(key: string): string {
  if (!ANY_UNSAFE_CHARACTER.test(key)) return key;
  return key.replace(UNSAFE_CHARACTERS, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function decodeKey(key: string): string {
  return key.includes('%') ? key.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : key;
}
