import type { BadRequest } from './badRequests.js';
import { SUZIE } from './fixtures.js';

const ENROLL = 'POST /programInstances/{instanceId}/enrollments';
const OPERATOR_EVENT = 'POST /programInstances/{instanceId}/operator-events';
const invalid = (field: string, rule: string) => ({ status: 400, code: 'validation_failed', fields: [field], rule });
const unknownType = (type: string) => ({
  route: OPERATOR_EVENT,
  what: `an event type named like Object.prototype's ${type}`,
  bodyOf: (ids: Readonly<Record<string, string>>) => ({ type, participation_id: ids.participation_id, payload: { trigger: 'consent_requested' } }),
  status: 422, code: 'invalid_input', fields: ['/type'], message: /accepts no '.*' events; it accepts: participation\.trigger/,
});

/** Suzie's body with `depth` objects, one inside the next, under `metadata.tree`, as JSON text (too deep to stringify). */
function nestedMetadata(depth: number): string {
  const tree = `${'{"deeper":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
  return JSON.stringify({ ...SUZIE, metadata: { tree: 'TREE' } }).replace('"TREE"', tree);
}

/**
 * Rows of the bad-input table for the hardening of issue 9: what used to get a 500 (or be taken silently) now gets a
 * 4xx naming the field and the rule, and writes nothing.
 */
export const HARDENING_BAD_REQUESTS: readonly BadRequest[] = [
  ...['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'].map(unknownType),
  { route: 'GET /enrollments/{enrollmentId}', what: 'a %-escape that does not decode', path: '/enrollments/%E0%A4%A', status: 400, code: 'malformed_path', fields: ['/path'], rule: 'encoding' },
  { route: 'DELETE /enrollments/{enrollmentId}', what: 'a form body on a DELETE', raw: { contentType: 'application/x-www-form-urlencoded', text: 'hard=true' }, status: 400, code: 'unexpected_body', fields: ['/'] },
  { route: 'GET /programs', what: 'a __proto__ query parameter', query: '__proto__=1', ...invalid('/query/__proto__', 'additionalProperties') },
  { route: 'GET /events', what: 'a constructor query parameter', query: 'constructor=1', ...invalid('/query/constructor', 'additionalProperties') },
  { route: ENROLL, what: 'metadata with an array inside an array (no store can keep one)', body: { ...SUZIE, metadata: { matrix: [[1, 2], [3, 4]] } }, ...invalid('/metadata/matrix/0', 'nestedArray') },
  { route: ENROLL, what: 'metadata nested 5,000 deep', raw: { contentType: 'application/json', text: nestedMetadata(5000) }, status: 400, code: 'validation_failed', fields: [`/metadata/tree${'/deeper'.repeat(30)}`], rule: 'maxDepth' },
  {
    route: ENROLL, what: 'a metadata key named __proto__ (it would be dropped silently)',
    raw: { contentType: 'application/json', text: JSON.stringify({ ...SUZIE, metadata: { placeholder: { isAdmin: true } } }).replace('"placeholder"', '"__proto__"') },
    ...invalid('/metadata/__proto__', 'reservedName'),
  },
  { route: ENROLL, what: 'a gzip Content-Encoding on a body that is not gzip', raw: { contentType: 'application/json', text: JSON.stringify(SUZIE) }, headers: { 'content-encoding': 'gzip' }, status: 400, code: 'malformed_body', fields: ['/headers/content-encoding'] },
  { route: ENROLL, what: 'a Content-Encoding the server does not speak', raw: { contentType: 'application/json', text: JSON.stringify(SUZIE) }, headers: { 'content-encoding': 'zstd' }, status: 415, code: 'unsupported_encoding', fields: ['/headers/content-encoding'] },
  { route: ENROLL, what: 'a charset other than UTF-8', raw: { contentType: 'application/json; charset=latin1', text: JSON.stringify(SUZIE) }, status: 415, code: 'unsupported_encoding', fields: ['/headers/content-encoding'] },
  { route: 'POST /leads', what: 'a NUL character in a string (FerretDB on PostgreSQL cannot store one)', raw: { contentType: 'application/json', text: '{"firstName":"Le\\u0000na"}' }, ...invalid('/firstName', 'nulCharacter') },
  { route: 'GET /programInstances/{instanceId}/enrollments', what: 'a NUL character in a query value', query: 'referenceId=ref%00x', ...invalid('/query/referenceId', 'nulCharacter') },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an adapter config with an array inside an array', body: { adapter: { adapterId: 'manual', config: { windows: [['08:00', '10:00']] } } }, ...invalid('/adapter/config/windows/0', 'nestedArray') },
];
