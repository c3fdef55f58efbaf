import { HARDENING_BAD_REQUESTS } from './badRequestsHardening.js';
import { SUZIE } from './fixtures.js';

/** The ids a row's path and body may name: the world's own, and a few made for the table. */
export type Ids = Readonly<Record<string, string>>;

/** One bad request and the answer it must get. Nothing it sends may be written. */
export interface BadRequest {
  /** The route as ALL_ROUTES declares it, e.g. `POST /programInstances/{instanceId}/enrollments`. */
  readonly route: string;
  /** What is wrong with the request, for the test's title. */
  readonly what: string;
  /** The path requested, `{name}` filled from the ids; the route's own path by default. */
  readonly path?: string;
  readonly query?: string;
  readonly body?: unknown;
  /** A body built from the ids (for another workspace's records). */
  readonly bodyOf?: (ids: Ids) => unknown;
  /** A body sent byte for byte, with this content type. */
  readonly raw?: { readonly contentType: string; readonly text: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent with the platform administrator's token instead of the workspace's secret key. */
  readonly admin?: boolean;
  /** Sent as an admin member signed in (its cookie and CSRF token), or with no credentials at all (public routes). */
  readonly as?: 'member' | 'nobody';
  readonly status: number;
  readonly code: string;
  /** Every field `error.details` must name, and no other. */
  readonly fields: readonly string[];
  /** The rule every detail must carry, when the row is about one rule. */
  readonly rule?: string;
  /** What the message must say to be helpful. */
  readonly message?: RegExp;
}

const invalid = (...fields: string[]) => ({ status: 400, code: 'validation_failed', fields });
const unknownField = (field: string) => ({ status: 400, code: 'validation_failed', fields: [field], rule: 'additionalProperties', message: new RegExp(`${field} is not a known field`) });
const required = (...fields: string[]) => ({ status: 400, code: 'validation_failed', fields, rule: 'required' });
const unprocessable = (field: string, message: RegExp) => ({ status: 422, code: 'invalid_input', fields: [field], message });
const illegal = (message: RegExp) => ({ status: 409, code: 'illegal_transition', fields: [], message });
const malformed = { raw: { contentType: 'application/json', text: '{"name": "Community Powershare",' }, status: 400, code: 'malformed_json', fields: ['/'], message: /not valid JSON/ };
const textPlain = (text: string) => ({ raw: { contentType: 'text/plain', text }, status: 415, code: 'unsupported_media_type', fields: ['/headers/content-type'], message: /application\/json/ });
const badVersion = (version: string) => ({ headers: { 'Flexroll-Version': version }, status: 400, code: 'unsupported_version', fields: ['/headers/flexroll-version'], message: new RegExp(`must be 1 or 2, not '${version.replace('.', '\\.')}'`) });
const badIdempotencyKey = (key: string) => ({ headers: { 'Idempotency-Key': key }, status: 400, code: 'invalid_idempotency_key', fields: ['/headers/idempotency-key'], message: /1–255 visible ASCII/ });
const noBody = { body: { reason: 'no longer needed' }, status: 400, code: 'unexpected_body', fields: ['/'], message: /takes no body/ };
const HUGE = 'x'.repeat(150 * 1024);
const tooLarge = { body: { firstName: HUGE }, status: 413, code: 'body_too_large', fields: ['/'], message: /larger than the limit of 102400 bytes/ };

const PROGRAM = { name: 'Community Powershare', provider: { providerDisplayName: 'Leap' } };
const ENROLL = 'POST /programInstances/{instanceId}/enrollments';
const PARTICIPATION = '/vpp-participations/{participation_id}';
const OPERATOR_EVENT = 'POST /programInstances/{instanceId}/operator-events';
const IMPORT = 'POST /programInstances/{instanceId}/imports';
const BULK = 'POST /programInstances/{instanceId}/bulk-actions';

/** The table: every route, and for each the ways its input can be wrong. */
export const BAD_REQUESTS: readonly BadRequest[] = [
  // Programs
  { route: 'GET /programs', what: 'perPage over 100', query: 'perPage=101', ...invalid('/query/perPage'), message: /perPage must be <= 100/ },
  { route: 'GET /programs', what: 'page 0 (pages are 1-based)', query: 'page=0', ...invalid('/query/page'), message: /page must be >= 1/ },
  { route: 'GET /programs', what: 'perPage not a number', query: 'perPage=ten', ...invalid('/query/perPage'), rule: 'type' },
  { route: 'GET /programs', what: 'page given twice', query: 'page=1&page=2', ...invalid('/query/page'), rule: 'type' },
  { route: 'GET /programs', what: 'an unknown query parameter', query: 'sort=name', ...unknownField('/query/sort') },
  { route: 'GET /programs/{programId}', what: 'a provider id where a program id belongs', path: '/programs/prv_8587fa49c7e5297ccc6c57e5', ...invalid('/path/programId'), rule: 'pattern' },
  { route: 'GET /programs/{programId}', what: 'an unknown query parameter', query: 'expand=provider', ...unknownField('/query/expand') },
  { route: 'POST /programs', what: 'no name and no provider', admin: true, body: {}, ...required('/name', '/provider') },
  { route: 'POST /programs', what: 'wrong types', admin: true, body: { name: 42, provider: { providerDisplayName: ['Leap'] } }, ...invalid('/name', '/provider/providerDisplayName'), rule: 'type' },
  { route: 'POST /programs', what: 'a logo URL that is not a URL, and an unknown field', admin: true, body: { ...PROGRAM, provider: { providerDisplayName: 'Leap', logoUrl: 'not a url' }, colour: 'green' }, ...invalid('/provider/logoUrl', '/colour') },
  { route: 'POST /programs', what: 'malformed JSON', admin: true, ...malformed },
  { route: 'POST /programs', what: 'a JSON body sent as text/plain', admin: true, ...textPlain(JSON.stringify(PROGRAM)) },
  { route: 'POST /programs', what: 'a bad Idempotency-Key (too long)', admin: true, body: PROGRAM, ...badIdempotencyKey('k'.repeat(256)) },

  // Program instances
  { route: 'POST /programInstances', what: 'a malformed program id and an empty name', body: { programId: 'vpr_1', name: '' }, ...invalid('/programId', '/name') },
  { route: 'POST /programInstances', what: 'settings of the wrong type or out of range', bodyOf: (ids) => ({ programId: ids.programId, name: 'x', noticePeriodDays: -1, telemetryStalenessHours: 0.5, meterAccessRequired: 'yes' }), ...invalid('/noticePeriodDays', '/telemetryStalenessHours', '/meterAccessRequired') },
  { route: 'POST /programInstances', what: 'a program that does not exist', body: { programId: 'vpr_000000000000000000000000', name: 'Nowhere 2025' }, ...unprocessable('/programId', /does not name a program/) },
  { route: 'POST /programInstances', what: 'a form-encoded body', raw: { contentType: 'application/x-www-form-urlencoded', text: 'programId=vpr_1&name=x' }, status: 415, code: 'unsupported_media_type', fields: ['/headers/content-type'] },
  { route: 'POST /programInstances', what: 'a body over the 100 kB limit', ...tooLarge },
  { route: 'GET /programInstances', what: 'perPage 0', query: 'perPage=0', ...invalid('/query/perPage'), rule: 'minimum' },
  { route: 'GET /programInstances', what: 'an unknown query parameter', query: 'programId=vpr_000000000000000000000000', ...unknownField('/query/programId') },
  { route: 'GET /programInstances/{instanceId}', what: 'an id that is not a CUID', path: '/programInstances/INSTANCE-1', ...invalid('/path/instanceId'), rule: 'pattern' },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an empty change', body: {}, ...invalid('/'), rule: 'minProperties' },
  { route: 'GET /programInstances/{instanceId}/enrollment-page', what: 'an id that is not a CUID', path: '/programInstances/12345/enrollment-page', ...invalid('/path/instanceId') },
  { route: 'PUT /programInstances/{instanceId}/enrollment-page', what: 'no body', body: {}, ...required('/enabled', '/slug', '/name', '/terms', '/locales', '/defaultLocale') },
  { route: 'PUT /programInstances/{instanceId}/enrollment-page', what: 'a slug with capitals and a colour that is not #rrggbb', body: { enabled: true, slug: 'Bad Slug', name: 'x', terms: { version: '1', text: 't' }, locales: ['en'], defaultLocale: 'en', accentColour: 'green' }, ...invalid('/slug', '/accentColour'), rule: 'pattern' },
  { route: 'PUT /programInstances/{instanceId}/enrollment-page', what: 'a default locale it does not offer', body: { enabled: true, slug: 'ok-slug', name: 'x', terms: { version: '1', text: 't' }, locales: ['en'], defaultLocale: 'nl' }, ...unprocessable('/defaultLocale', /must be one of en/) },
  { route: 'POST /enrollments/{enrollmentId}/status-links', what: 'a body', body: { reason: 'no longer needed' }, status: 400, code: 'unexpected_body', fields: ['/'], message: /takes no body/ },
  // Customer e-mail: an instance's dead letters, and sending one again
  { route: 'GET /programInstances/{instanceId}/customer-mail', what: 'a status that does not exist', query: 'status=failed', ...invalid('/query/status'), rule: 'enum' },
  { route: 'GET /programInstances/{instanceId}/customer-mail', what: 'perPage over 100', query: 'perPage=101', ...invalid('/query/perPage'), message: /perPage must be <= 100/ },
  { route: 'GET /programInstances/{instanceId}/customer-mail', what: 'an id that is not a CUID', path: '/programInstances/INSTANCE-1/customer-mail', ...invalid('/path/instanceId'), rule: 'pattern' },
  { route: 'POST /programInstances/{instanceId}/customer-mail/{mailId}/retry', what: 'a mail id that is not mail_…', path: '/programInstances/{instanceId}/customer-mail/obx_1/retry', ...invalid('/path/mailId'), rule: 'pattern' },
  { route: 'POST /programInstances/{instanceId}/customer-mail/{mailId}/retry', what: 'a body', ...noBody },
  { route: 'PATCH /programInstances/{instanceId}', what: 'changing its program', body: { programId: 'vpr_000000000000000000000000' }, ...unknownField('/programId') },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an expected duration for ACTIVE, which nothing is expected to end', body: { expectedDurations: { ACTIVE: 'P1D' } }, ...unknownField('/expectedDurations/ACTIVE') },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an expected duration that is not ISO-8601', body: { expectedDurations: { AWAITING_CONSENT: '3 days', REGISTERED: 'P1M' } }, ...invalid('/expectedDurations/AWAITING_CONSENT', '/expectedDurations/REGISTERED'), rule: 'pattern' },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an expected duration over a year', body: { expectedDurations: { AWAITING_REGISTRATION: 'P400D' } }, ...unprocessable('/expectedDurations/AWAITING_REGISTRATION', /must be at most 365 days/), rule: 'maximum' },
  { route: 'PATCH /programInstances/{instanceId}', what: 'a deadline lead time that is not ISO-8601 and an alerting state with no expected duration', body: { deadlines: { leadTime: '24 hours', alertStates: ['ACTIVE'] } }, ...invalid('/deadlines/leadTime', '/deadlines/alertStates/0') },
  { route: 'PATCH /programInstances/{instanceId}', what: 'a deadline lead time over a year', body: { deadlines: { leadTime: 'P400D' } }, ...unprocessable('/deadlines/leadTime', /must be at most 365 days/), rule: 'maximum' },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an alerting state named twice', body: { deadlines: { alertStates: ['SUSPENDED', 'AWAITING_CONSENT', 'SUSPENDED'] } }, ...unprocessable('/deadlines/alertStates/2', /names SUSPENDED again/), rule: 'unique' },
  { route: 'POST /programInstances', what: 'unknown deadline settings', bodyOf: (ids) => ({ programId: ids.programId, name: 'x', deadlines: { leadTime: 'PT1H', snooze: true } }), ...unknownField('/deadlines/snooze') },
  { route: 'PATCH /programInstances/{instanceId}', what: 'an adapter id that breaks the pattern', body: { adapter: { adapterId: 'Manual!', config: {} } }, ...invalid('/adapter/adapterId'), rule: 'pattern' },
  { route: 'PATCH /programInstances/{instanceId}', what: 'a form-encoded body', raw: { contentType: 'application/x-www-form-urlencoded', text: 'name=x' }, status: 415, code: 'unsupported_media_type', fields: ['/headers/content-type'] },
  { route: 'PATCH /programInstances/{instanceId}', what: 'malformed JSON', ...malformed },
  { route: 'PATCH /programInstances/{instanceId}', what: 'eligibility rules with an unknown rule and a manufacturer that is not a slug', body: { eligibilityRules: { allowedManufacturers: ['Tesla Inc'], maxKw: 5 } }, ...invalid('/eligibilityRules/allowedManufacturers/0', '/eligibilityRules/maxKw') },
  {
    route: 'PATCH /programInstances/{instanceId}', what: 'eligibility rules whose postal code a prefix already covers',
    body: { eligibilityRules: { serviceTerritory: { postalCodes: ['10001'], postalCodePrefixes: ['100'] } } }, ...unprocessable('/eligibilityRules/serviceTerritory/postalCodes/0', /already covered by prefix '100'/),
  },
  { route: 'GET /programInstances/{instanceId}/eligibility-rules/{version}', what: 'version 0 (versions start at 1)', path: '/programInstances/{instanceId}/eligibility-rules/0', ...invalid('/path/version'), rule: 'minimum' },
  { route: 'GET /programInstances/{instanceId}/eligibility-rules/{version}', what: 'a version that was never saved', path: '/programInstances/{instanceId}/eligibility-rules/7', status: 404, code: 'eligibility_rules_not_found', fields: [] },

  // Jobs: imports and bulk actions
  { route: IMPORT, what: 'a JSON body instead of a file', raw: { contentType: 'application/json', text: '[]' }, status: 415, code: 'unsupported_media_type', fields: ['/headers/content-type'], message: /text\/csv or application\/x-ndjson/ },
  { route: IMPORT, what: 'a CSV header naming a column that is not a seed 004 field', raw: { contentType: 'text/csv', text: 'referenceId,email,nickname\nR-1,a@example.com,Al\n' }, ...unprocessable('/columns/nickname', /not a seed 004 field/) },
  { route: IMPORT, what: 'a CSV that fills one field twice (either casing)', raw: { contentType: 'text/csv', text: 'referenceId,reference_id\nR-1,R-1\n' }, ...unprocessable('/columns/reference_id', /another column already fills/) },
  { route: IMPORT, what: 'a CSV without a referenceId or rowKey column (every row would fail)', raw: { contentType: 'text/csv', text: 'identificationType,email\ncustomerInfo,a@example.com\n' }, ...required('/columns/referenceId'), message: /referenceId \(or a rowKey\)/ },
  { route: IMPORT, what: 'a CSV without an identificationType column', raw: { contentType: 'text/csv', text: 'rowKey,email\nR-1,a@example.com\n' }, ...required('/columns/identificationType'), message: /every row needs one/ },
  { route: IMPORT, what: 'an instance id that is not a CUID', path: '/programInstances/INSTANCE/imports', raw: { contentType: 'text/csv', text: 'referenceId\n' }, ...invalid('/path/instanceId') },
  { route: IMPORT, what: 'an unknown query parameter', query: 'dryRun=true', raw: { contentType: 'text/csv', text: 'referenceId\n' }, ...unknownField('/query/dryRun') },
  { route: BULK, what: 'approving without a reason', body: { action: 'approve' }, ...required('/reason') },
  { route: BULK, what: 'an action that does not exist', body: { action: 'delete', reason: 'cleanup' }, ...invalid('/action'), rule: 'enum' },
  { route: BULK, what: 'a status that does not exist, and an empty tag list', body: { action: 'evaluate', where: { status: ['pending'], tags: [] } }, ...invalid('/where/status/0', '/where/tags') },
  { route: BULK, what: 'a text/plain body', ...textPlain('{"action":"evaluate"}') },
  { route: 'GET /programInstances/{instanceId}/jobs', what: 'perPage over 100', query: 'perPage=101', ...invalid('/query/perPage') },
  { route: 'GET /programInstances/{instanceId}/jobs', what: 'an unknown query parameter', query: 'status=running', ...unknownField('/query/status') },
  { route: 'GET /jobs/{jobId}', what: 'an id that is not a CUID', path: '/jobs/job-1', ...invalid('/path/jobId'), rule: 'pattern' },
  { route: 'GET /jobs/{jobId}', what: 'an id that names no job', path: '/jobs/cnotajobanywhere000000000', status: 404, code: 'job_not_found', fields: [] },
  { route: 'GET /jobs/{jobId}/errors', what: 'page 0', path: '/jobs/cnotajobanywhere000000000/errors', query: 'page=0', ...invalid('/query/page') },

  // Enrollments: seed 004's identification types, each with its own required fields
  { route: ENROLL, what: 'customerInfo without lastName and email', body: { identificationType: 'customerInfo', firstName: 'Suzie' }, ...required('/lastName', '/email') },
  { route: ENROLL, what: 'customerInfo with nothing else', body: { identificationType: 'customerInfo' }, ...required('/firstName', '/lastName', '/email') },
  { route: ENROLL, what: 'customerId without a customerId', body: { identificationType: 'customerId', firstName: 'Suzie' }, ...required('/customerId') },
  { route: ENROLL, what: 'leadId without a leadId', body: { identificationType: 'leadId' }, ...required('/leadId') },
  { route: ENROLL, what: 'enrollmentId without an enrollmentId', body: { identificationType: 'enrollmentId', tags: ['2026'] }, ...required('/enrollmentId') },
  { route: ENROLL, what: 'no identificationType', body: { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com' }, ...required('/identificationType') },
  { route: ENROLL, what: 'an unknown identificationType', body: { identificationType: 'ssn' }, ...invalid('/identificationType'), rule: 'enum' },
  { route: ENROLL, what: 'a customerId of another workspace’s customer', bodyOf: (ids) => ({ identificationType: 'customerId', customerId: ids.foreignCustomerId }), ...unprocessable('/customerId', /customerId does not name a customer in this workspace/) },
  { route: ENROLL, what: 'a leadId that names no lead', body: { identificationType: 'leadId', leadId: 'cnotaleadanywhere00000000' }, ...unprocessable('/leadId', /leadId does not name a lead/) },
  { route: ENROLL, what: 'an enrollmentId of another workspace’s enrollment', bodyOf: (ids) => ({ identificationType: 'enrollmentId', enrollmentId: ids.foreignEnrollmentId }), ...unprocessable('/enrollmentId', /enrollmentId does not name an? enrollment in this workspace/) },
  { route: ENROLL, what: 'wrong types throughout', body: { ...SUZIE, firstName: 42, tags: 'tag1', manufacturerSlugs: ['Tesla Inc'], address: { streetOne: '123 Main St' } }, ...invalid('/firstName', '/tags', '/manufacturerSlugs/0', '/address/city', '/address/state', '/address/postalCode', '/address/country') },
  { route: ENROLL, what: 'an email and a phone that are not', body: { ...SUZIE, email: 'suzie at example', phone: 'call me' }, ...invalid('/email', '/phone') },
  { route: ENROLL, what: 'an unknown field', body: { ...SUZIE, nickname: 'Suze' }, ...unknownField('/nickname') },
  { route: ENROLL, what: 'an unknown field inside the address', body: { ...SUZIE, address: { ...SUZIE.address, county: 'Kings' } }, ...unknownField('/address/county') },
  { route: ENROLL, what: 'more than 50 metadata entries', body: { ...SUZIE, metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }, ...invalid('/metadata'), rule: 'maxProperties' },
  { route: ENROLL, what: 'a __proto__ key', raw: { contentType: 'application/json', text: '{"identificationType":"leadId","leadId":"cnotaleadanywhere00000000","__proto__":{"admin":true}}' }, status: 400, code: 'validation_failed', fields: ['/__proto__'], rule: 'reservedName', message: /\/__proto__ is a reserved name/ },
  { route: ENROLL, what: 'malformed JSON', ...malformed },
  { route: ENROLL, what: 'a JSON body sent as text/plain', ...textPlain(JSON.stringify(SUZIE)) },
  { route: ENROLL, what: 'a body that is not JSON at all, sent as text/plain', ...textPlain('Suzie Homeowner, 123 Main St') },
  { route: ENROLL, what: 'a body over the 100 kB limit', ...tooLarge },
  { route: ENROLL, what: 'a bad Idempotency-Key (spaces)', body: SUZIE, ...badIdempotencyKey('enroll suzie') },
  { route: ENROLL, what: 'an unknown query parameter', query: 'dryRun=true', body: SUZIE, ...unknownField('/query/dryRun') },
  { route: ENROLL, what: 'an instance id that is not a CUID', path: '/programInstances/123/enrollments', body: SUZIE, ...invalid('/path/instanceId') },
  {
    route: ENROLL, what: 'a device that already has an active enrollment', bodyOf: (ids) => ({ ...SUZIE, serialNumber: ids.serialNumber }),
    status: 409, code: 'device_already_enrolled', fields: [], message: /already has an active enrollment/,
  },
  { route: 'GET /programInstances/{instanceId}/enrollments', what: 'an unknown status', query: 'status=pending', ...invalid('/query/status'), rule: 'pattern' },
  { route: 'GET /programInstances/{instanceId}/enrollments', what: 'a time that is not ISO-8601', query: 'createdFrom=yesterday', ...invalid('/query/createdFrom'), rule: 'format' },
  { route: 'GET /programInstances/{instanceId}/enrollments', what: 'perPage 101 and page 0', query: 'perPage=101&page=0', ...invalid('/query/perPage', '/query/page') },
  { route: 'GET /programInstances/{instanceId}/enrollments', what: 'an unknown query parameter', query: 'owner=me', ...unknownField('/query/owner') },
  { route: 'GET /enrollments/{enrollmentId}', what: 'an id that is not a CUID', path: '/enrollments/NOT-A-CUID', ...invalid('/path/enrollmentId'), rule: 'pattern' },
  { route: 'GET /enrollments/{enrollmentId}', what: 'an unknown query parameter', query: 'include=events', ...unknownField('/query/include') },
  { route: 'GET /enrollments/{enrollmentId}', what: 'Flexroll-Version 3', ...badVersion('3') },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'approving a candidate', body: { status: 'approved' }, ...illegal(/Cannot move to 'approved' from an enrollment in candidate; it accepts: eligible, ineligible/) },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'submitting a candidate', body: { status: 'submitted', reason: 'form completed' }, ...illegal(/in candidate/) },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'making an ineligible enrollment eligible without changing its criteria', path: '/enrollments/{ineligibleEnrollmentId}', body: { status: 'eligible' }, ...illegal(/in ineligible/) },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'a status that does not exist', body: { status: 'enrolled' }, ...invalid('/status'), rule: 'enum' },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'seed 004’s eligibilityStatus and status, saying different things', body: { status: 'eligible', eligibilityStatus: 'ineligible' }, ...invalid('/eligibilityStatus'), rule: 'same_as', message: /\/eligibilityStatus names the same thing as \/status/ },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'approving a candidate by seed 004’s eligibilityStatus', body: { eligibilityStatus: 'approved', eligibilityReason: 'Failed verification' }, ...illegal(/Cannot move to 'approved' from an enrollment in candidate/) },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'an empty change', body: {}, ...invalid('/'), rule: 'minProperties' },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'changing the device’s serial number', body: { serialNumber: 'another-device' }, ...unprocessable('/serialNumber', /serialNumber cannot change/) },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'changing the identification type', body: { identificationType: 'leadId' }, ...unknownField('/identificationType') },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'wrong types', body: { email: 'nope', phone: 'call me', tags: [1] }, ...invalid('/email', '/phone', '/tags/0') },
  { route: 'PATCH /enrollments/{enrollmentId}', what: 'malformed JSON', ...malformed },
  { route: 'DELETE /enrollments/{enrollmentId}', what: 'an id that is not a CUID', path: '/enrollments/12345', ...invalid('/path/enrollmentId') },
  { route: 'DELETE /enrollments/{enrollmentId}', what: 'a body', ...noBody },
  { route: 'DELETE /enrollments/{enrollmentId}', what: 'an unknown query parameter', query: 'hard=true', ...unknownField('/query/hard') },

  // VPP participations
  { route: `GET ${PARTICIPATION}`, what: 'an id that is not vpo_ + 24 hex', path: '/vpp-participations/vpo_xyz', ...invalid('/path/participation_id'), rule: 'pattern' },
  { route: `GET ${PARTICIPATION}`, what: 'an enrollment id where a participation id belongs', path: '/vpp-participations/{enrollmentId}', ...invalid('/path/participation_id') },
  { route: `GET ${PARTICIPATION}`, what: 'Flexroll-Version v2', ...badVersion('v2') },
  { route: `GET ${PARTICIPATION}/history`, what: 'page 0 (pages are 1-based)', query: 'page=0', ...invalid('/query/page'), message: /page must be >= 1/ },
  { route: `GET ${PARTICIPATION}/history`, what: 'a page that is not a whole number', query: 'page=2.5', ...invalid('/query/page'), rule: 'type' },
  { route: `GET ${PARTICIPATION}/history`, what: 'page=Infinity', query: 'page=Infinity', ...invalid('/query/page'), rule: 'type' },
  { route: `GET ${PARTICIPATION}/history`, what: 'an id that is not vpo_ + 24 hex', path: '/vpp-participations/vpo_xyz/history', ...invalid('/path/participation_id'), rule: 'pattern' },
  { route: `POST ${PARTICIPATION}`, what: 'no participation_state', body: { reference_id: 'AZ01346701301' }, ...required('/participation_state') },
  { route: `POST ${PARTICIPATION}`, what: 'an empty participation_state', body: { participation_state: [] }, ...invalid('/participation_state'), rule: 'minItems' },
  { route: `POST ${PARTICIPATION}`, what: 'a state that exists in neither vocabulary', body: { participation_state: [{ state: 'DANCING' }] }, ...invalid('/participation_state/0/state'), rule: 'enum' },
  { route: `POST ${PARTICIPATION}`, what: 'a suspension reason listed twice', body: { participation_state: [{ state: 'SUSPENDED', suspension_reasons: ['CUSTOMER_REQUEST', 'CUSTOMER_REQUEST'] }] }, ...invalid('/participation_state/0/suspension_reasons'), rule: 'uniqueItems' },
  { route: `POST ${PARTICIPATION}`, what: 'SUSPENDED without its reasons', body: { participation_state: [{ state: 'SUSPENDED', suspension_reasons: [] }] }, ...unprocessable('/participation_state/0/suspension_reasons', /must list at least one reason when the state is SUSPENDED/), rule: 'required_when_suspended' },
  { route: `POST ${PARTICIPATION}`, what: 'suspension reasons on a state other than SUSPENDED', body: { participation_state: [{ state: 'AWAITING_CONSENT', suspension_reasons: ['OPERATOR_REQUEST'] }] }, ...unprocessable('/participation_state/0/suspension_reasons', /must be empty when the state is AWAITING_CONSENT/), rule: 'empty_unless_suspended' },
  { route: `POST ${PARTICIPATION}`, what: 'a timeline status that does not exist, and an occurred_at that is not a time', body: { participation_state: [{ state: 'AWAITING_CONSENT', status: 'DONE', occurred_at: 'yesterday' }] }, ...invalid('/participation_state/0/status', '/participation_state/0/occurred_at') },
  { route: `POST ${PARTICIPATION}`, what: 'an occurred_at years in the future', body: { participation_state: [{ state: 'AWAITING_CONSENT', occurred_at: '2030-01-01T00:00:00Z' }] }, ...unprocessable('/participation_state/0/occurred_at', /is in the future: .* by more than the 300 s allowed for clock skew/), rule: 'not_in_future' },
  { route: `POST ${PARTICIPATION}`, what: 'an occurred_at before the participation’s last change', body: { participation_state: [{ state: 'AWAITING_CONSENT', occurred_at: '2020-01-01T00:00:00Z' }] }, ...unprocessable('/participation_state/0/occurred_at', /is before this participation's last recorded change/), rule: 'not_before_previous_change' },
  {
    route: `POST ${PARTICIPATION}`, what: 'a seed 002 state that cannot follow, refused in seed 002’s words', headers: { 'Flexroll-Version': '2' }, body: { participation_state: [{ state: 'CHECKING_ELIGIBILITY' }] },
    ...illegal(/Cannot apply 'CHECKING_ELIGIBILITY' to a participation in ENROLMENT_REQUESTED \(no trigger leads from ENROLMENT_REQUESTED to CHECKING_ELIGIBILITY; here consent_requested leads to AWAITING_CUSTOMER_CONSENT, failed leads to FAILED\)/),
  },
  { route: `POST ${PARTICIPATION}`, what: 'ACTIVE straight from ENROLMENT_REQUESTED', body: { participation_state: [{ state: 'ACTIVE' }] }, ...illegal(/in ENROLMENT_REQUESTED .*it accepts: consent_requested, failed/) },
  { route: `POST ${PARTICIPATION}`, what: 'a seed 002 state name under Flexroll-Version 1', body: { participation_state: [{ state: 'AWAITING_CUSTOMER_CONSENT' }] }, ...unprocessable('/participation_state/0/state', /must be one of ENROLMENT_REQUESTED/) },
  { route: `POST ${PARTICIPATION}`, what: 'a seed 000 state name under Flexroll-Version 2', headers: { 'Flexroll-Version': '2' }, body: { participation_state: [{ state: 'AWAITING_CONSENT' }] }, ...unprocessable('/participation_state/0/state', /must be one of .*AWAITING_CUSTOMER_CONSENT/) },
  {
    route: `POST ${PARTICIPATION}`, what: 'a legal first entry followed by an illegal one', body: { participation_state: [{ state: 'AWAITING_CONSENT' }, { state: 'ACTIVE' }] },
    ...illegal(/in AWAITING_CONSENT/),
  },
  { route: `POST ${PARTICIPATION}/triggers`, what: 'device_live on ENROLMENT_REQUESTED', body: { trigger: 'device_live' }, ...illegal(/Cannot apply 'device_live' to a participation in ENROLMENT_REQUESTED; it accepts: consent_requested, failed/) },
  { route: `POST ${PARTICIPATION}/triggers`, what: 'a suspension_reason on a trigger that takes none', body: { trigger: 'consent_requested', suspension_reason: 'OPERATOR_REQUEST' }, ...unprocessable('/suspension_reason', /applies only to suspension_raised and suspension_cleared/) },
  { route: `POST ${PARTICIPATION}/triggers`, what: 'a trigger that does not exist', body: { trigger: 'jump' }, ...invalid('/trigger'), rule: 'enum' },
  { route: `POST ${PARTICIPATION}/triggers`, what: 'no trigger', body: { reason: 'because' }, ...required('/trigger') },
  { route: `POST ${PARTICIPATION}/triggers`, what: 'a suspension reason that does not exist', body: { trigger: 'suspension_raised', suspension_reason: 'BORED' }, ...invalid('/suspension_reason'), rule: 'enum' },
  {
    route: `POST ${PARTICIPATION}/triggers`, what: 'suspension_raised without a suspension_reason', body: { trigger: 'suspension_raised' },
    ...required('/suspension_reason'),
  },
  { route: `POST ${PARTICIPATION}/telemetry`, what: 'a time that is not ISO-8601', body: { received_at: 'yesterday' }, ...invalid('/received_at'), rule: 'format' },
  { route: `POST ${PARTICIPATION}/telemetry`, what: 'an unknown field', body: { source: 'meter' }, ...unknownField('/source') },
  { route: `POST ${PARTICIPATION}/telemetry`, what: 'Flexroll-Version 2.0', body: {}, ...badVersion('2.0') },
  { route: `POST ${PARTICIPATION}/consent`, what: 'no terms_version', body: {}, ...required('/terms_version') },
  { route: `POST ${PARTICIPATION}/consent`, what: 'an empty terms_version and an expiry that is not a time', body: { terms_version: '', expires_at: 'never' }, ...invalid('/terms_version', '/expires_at') },
  { route: `DELETE ${PARTICIPATION}/consent`, what: 'an id that is not vpo_ + 24 hex', path: '/vpp-participations/vpo_7C2F1A9E4B0D8F3A6E2C5D10/consent', ...invalid('/path/participation_id') },
  { route: `DELETE ${PARTICIPATION}/consent`, what: 'a body', ...noBody },
  { route: `POST ${PARTICIPATION}/control`, what: 'no available', body: {}, ...required('/available') },
  { route: `POST ${PARTICIPATION}/control`, what: 'available as a word', body: { available: 'no' }, ...invalid('/available'), rule: 'type' },
  { route: `POST ${PARTICIPATION}/control`, what: 'an id that is neither vpo_ nor vpp_ + 24 hex', path: '/vpp-participations/vpx_7c2f1a9e4b0d8f3a6e2c5d10/control', body: { available: true }, ...invalid('/path/participation_id'), rule: 'pattern' },
  { route: `POST ${PARTICIPATION}/meter-access`, what: 'an unknown field', body: { granted: true }, ...unknownField('/granted') },
  { route: `POST ${PARTICIPATION}/meter-access`, what: 'a bad Idempotency-Key (non-ASCII)', body: {}, ...badIdempotencyKey('clé-1') },
  { route: `POST ${PARTICIPATION}/rewards-settlement`, what: 'a number where a time belongs', body: { settled_at: 5 }, ...invalid('/settled_at'), rule: 'type' },
  { route: `POST ${PARTICIPATION}/rewards-settlement`, what: 'a JSON array body', body: [{ settled_at: '2025-01-01T00:00:00Z' }], ...invalid('/'), rule: 'type' },

  // Operator events: the body's envelope by the route's schema, the payload by the instance's adapter
  { route: OPERATOR_EVENT, what: 'an empty event', body: {}, ...required('/type', '/participation_id', '/payload') },
  { route: OPERATOR_EVENT, what: 'a malformed participation id and an unknown field', bodyOf: (ids) => ({ type: 'participation.trigger', participation_id: 'vpo_x', payload: {}, source: ids.instanceId }), ...invalid('/participation_id', '/source') },
  { route: OPERATOR_EVENT, what: 'an event type the adapter does not declare', bodyOf: (ids) => ({ type: 'device.exploded', participation_id: ids.participation_id, payload: {} }), ...unprocessable('/type', /accepts no 'device\.exploded' events; it accepts: participation\.trigger/) },
  { route: OPERATOR_EVENT, what: 'a payload that does not fit the adapter’s schema', bodyOf: (ids) => ({ type: 'participation.trigger', participation_id: ids.participation_id, payload: { trigger: 'jump' } }), status: 422, code: 'invalid_input', fields: ['/payload/trigger'], message: /payload does not fit its schema/ },
  { route: OPERATOR_EVENT, what: 'an illegal trigger by event', bodyOf: (ids) => ({ type: 'participation.trigger', participation_id: ids.participation_id, payload: { trigger: 'device_live' } }), ...illegal(/in ENROLMENT_REQUESTED/) },
  { route: OPERATOR_EVENT, what: 'a JSON body sent as text/plain', ...textPlain('{}') },

  // Operator adapters: drift and the adapter outbox
  { route: 'GET /programInstances/{instanceId}/drift', what: 'perPage over 100', query: 'perPage=101', ...invalid('/query/perPage'), message: /perPage must be <= 100/ },
  { route: 'GET /programInstances/{instanceId}/drift', what: 'an unknown query parameter', query: 'since=yesterday', ...unknownField('/query/since') },
  { route: 'GET /programInstances/{instanceId}/adapter-outbox', what: 'a status that does not exist', query: 'status=failed', ...invalid('/query/status'), rule: 'enum' },
  { route: 'GET /programInstances/{instanceId}/adapter-outbox', what: 'an id that is not a CUID', path: '/programInstances/INSTANCE-1/adapter-outbox', ...invalid('/path/instanceId'), rule: 'pattern' },
  { route: 'POST /programInstances/{instanceId}/adapter-outbox/{itemId}/retry', what: 'an item id that is not obx_…', path: '/programInstances/{instanceId}/adapter-outbox/evt_1/retry', ...invalid('/path/itemId'), rule: 'pattern' },
  { route: 'POST /programInstances/{instanceId}/adapter-outbox/{itemId}/retry', what: 'a body', ...noBody },

  // Events, API keys, customers and leads
  { route: 'GET /events', what: 'an event type that does not exist', query: 'type=enrollment.bogus', ...invalid('/query/type'), rule: 'pattern' },
  { route: 'GET /events', what: 'an enrollmentId that is not a CUID', query: 'enrollmentId=123', ...invalid('/query/enrollmentId') },
  { route: 'GET /events', what: 'perPage over 100', query: 'perPage=101', ...invalid('/query/perPage') },
  { route: 'GET /events', what: 'a time that is not ISO-8601', query: 'occurredFrom=tomorrow', ...invalid('/query/occurredFrom'), rule: 'format' },
  { route: 'GET /api-keys', what: 'pagination on an unpaginated list', query: 'page=2', ...unknownField('/query/page') },
  { route: 'POST /api-keys', what: 'an unknown mode and permission', body: { name: 'reader', mode: 'prod', permissions: ['admin'] }, ...invalid('/mode', '/permissions/0'), rule: 'enum' },
  { route: 'POST /api-keys', what: 'no permissions', body: { name: 'reader', mode: 'live', permissions: [] }, ...invalid('/permissions'), rule: 'minItems' },
  { route: 'POST /api-keys', what: 'the same permission twice', body: { name: 'reader', mode: 'live', permissions: ['events:read', 'events:read'] }, ...invalid('/permissions'), rule: 'uniqueItems' },
  { route: 'POST /api-keys', what: 'asking for a secret key', body: { name: 'everything', mode: 'live', permissions: ['events:read'], type: 'secret' }, ...unknownField('/type') },
  { route: 'POST /api-keys', what: 'no name', body: { mode: 'test', permissions: ['events:read'] }, ...required('/name') },
  { route: 'DELETE /api-keys/{keyId}', what: 'an id that is not key_ + 24 hex', path: '/api-keys/key_123', ...invalid('/path/keyId'), rule: 'pattern' },
  { route: 'DELETE /api-keys/{keyId}', what: 'an unknown query parameter', query: 'reason=leaked', ...unknownField('/query/reason') },

  // Members and sessions
  { route: 'POST /sessions', what: 'no password', as: 'nobody', body: { email: 'pat@example.com' }, ...required('/password') },
  { route: 'POST /sessions', what: 'a workspace id of another shape', as: 'nobody', body: { email: 'pat@example.com', password: 'whatever it is', workspaceId: 'acme' }, ...invalid('/workspaceId'), rule: 'pattern' },
  { route: 'POST /sessions', what: 'an unknown field', as: 'nobody', body: { email: 'pat@example.com', password: 'whatever it is', remember: true }, ...unknownField('/remember') },
  { route: 'GET /sessions/current', what: 'an unknown query parameter', as: 'member', query: 'verbose=1', ...unknownField('/query/verbose') },
  { route: 'DELETE /sessions/current', what: 'a body', as: 'member', ...noBody },
  { route: 'POST /sessions/current/password', what: 'a new password under 12 characters', as: 'member', body: { currentPassword: 'whatever it is', newPassword: 'too short' }, ...invalid('/newPassword'), rule: 'minLength' },
  { route: 'POST /sessions/current/password', what: 'no current password', as: 'member', body: { newPassword: 'a long enough passphrase' }, ...required('/currentPassword') },
  { route: 'POST /member-invitations/accept', what: 'a password under 12 characters', as: 'nobody', body: { token: 'fri_whatever', password: 'short' }, ...invalid('/password'), rule: 'minLength' },
  { route: 'POST /member-invitations/accept', what: 'a token that was never issued', as: 'nobody', body: { token: 'fri_neverissued', password: 'a long enough passphrase' }, status: 404, code: 'invitation_invalid', fields: ['/token'], message: /unknown, already used or expired/ },
  { route: 'GET /members', what: 'pagination on an unpaginated list', query: 'page=2', ...unknownField('/query/page') },
  { route: 'POST /members', what: 'an e-mail that is not', body: { email: 'pat.example.com', role: 'viewer' }, ...invalid('/email'), rule: 'format' },
  { route: 'POST /members', what: 'a role that does not exist', as: 'member', body: { email: 'pat@example.com', role: 'owner' }, ...invalid('/role'), rule: 'enum' },
  { route: 'PATCH /members/{memberId}', what: 'an id that is not mem_ + 24 hex', path: '/members/mem_123', body: { role: 'viewer' }, ...invalid('/path/memberId'), rule: 'pattern' },
  { route: 'PATCH /members/{memberId}', what: 'an empty change', body: {}, ...invalid('/'), rule: 'minProperties' },
  { route: 'DELETE /members/{memberId}', what: 'a member that does not exist', path: '/members/mem_000000000000000000000000', status: 404, code: 'member_not_found', fields: [], message: /No member with id/ },

  { route: 'POST /customers', what: 'an empty body', body: {}, ...invalid('/', '/firstName', '/lastName', '/email') },
  { route: 'POST /customers', what: 'no lastName and no email', body: { firstName: 'Suzie' }, ...required('/lastName', '/email') },
  { route: 'POST /customers', what: 'an email that is not', body: { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner' }, ...invalid('/email'), rule: 'format' },
  { route: 'POST /leads', what: 'an empty body', body: {}, ...invalid('/'), rule: 'minProperties' },
  { route: 'POST /leads', what: 'a phone that is not', body: { phone: 'call me maybe' }, ...invalid('/phone'), rule: 'pattern' },
  { route: 'POST /leads', what: 'a customerId on a lead', body: { firstName: 'Suzie', customerId: 'cnotacustomer000000000000' }, ...unknownField('/customerId') },
  { route: 'POST /leads', what: 'a body over the 100 kB limit', ...tooLarge },

  // Webhook endpoints and their delivery log
  { route: 'POST /webhook-endpoints', what: 'no url and no event types', body: {}, ...required('/url', '/eventTypes') },
  { route: 'POST /webhook-endpoints', what: 'an event type that does not exist', body: { url: 'https://hooks.example.com/a', eventTypes: ['enrollment.exploded'] }, ...invalid('/eventTypes/0'), rule: 'enum' },
  { route: 'POST /webhook-endpoints', what: 'no event types at all', body: { url: 'https://hooks.example.com/a', eventTypes: [] }, ...invalid('/eventTypes'), rule: 'minItems' },
  { route: 'POST /webhook-endpoints', what: 'a url that is not a URL', body: { url: 'hooks.example.com', eventTypes: ['enrollment.created'] }, ...invalid('/url'), rule: 'format' },
  { route: 'POST /webhook-endpoints', what: 'a loopback address (SSRF guard)', body: { url: 'http://127.0.0.1:8080/hooks', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /loopback, private, link-local, unique-local or metadata/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'the cloud metadata address (SSRF guard)', body: { url: 'http://169.254.169.254/latest/meta-data', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /metadata/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'a private address in IPv6 brackets (SSRF guard)', body: { url: 'https://[fd00:ec2::254]/hooks', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /unique-local/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'loopback wrapped in IPv6, IPv4-compatible (SSRF guard)', body: { url: 'http://[::127.0.0.1]/hooks', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /loopback/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'loopback wrapped in 6to4 (SSRF guard)', body: { url: 'http://[2002:7f00:1::]/hooks', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /loopback/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'loopback as one decimal number (SSRF guard)', body: { url: 'http://2130706433/hooks', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /loopback/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'localhost by name (SSRF guard)', body: { url: 'http://localhost:3000/hooks', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /loopback/), rule: 'public_address' },
  { route: 'POST /webhook-endpoints', what: 'an ftp URL', body: { url: 'ftp://hooks.example.com/a', eventTypes: ['enrollment.created'] }, ...unprocessable('/url', /http or https/), rule: 'format' },
  { route: 'POST /webhook-endpoints', what: 'another workspace’s program instance', bodyOf: (ids) => ({ url: 'https://hooks.example.com/a', eventTypes: ['enrollment.created'], programInstanceId: ids.foreignInstanceId }), ...unprocessable('/programInstanceId', /program instance/) },
  { route: 'POST /webhook-endpoints', what: 'a secret of its own (secrets are made by Flexroll)', body: { url: 'https://hooks.example.com/a', eventTypes: ['enrollment.created'], secret: 'whsec_mine' }, ...unknownField('/secret') },
  { route: 'GET /webhook-endpoints', what: 'perPage over 100', query: 'perPage=101', ...invalid('/query/perPage') },
  { route: 'GET /webhook-endpoints/{endpointId}', what: 'an id that is not whe_ + 24 hex', path: '/webhook-endpoints/whe_123', ...invalid('/path/endpointId'), rule: 'pattern' },
  { route: 'PATCH /webhook-endpoints/{endpointId}', what: 'an empty change', body: {}, ...invalid('/'), rule: 'minProperties' },
  { route: 'PATCH /webhook-endpoints/{endpointId}', what: 'disabled as a string', body: { disabled: 'yes' }, ...invalid('/disabled'), rule: 'type' },
  { route: 'PATCH /webhook-endpoints/{endpointId}', what: 'a private network address (SSRF guard)', body: { url: 'http://10.0.0.7/hooks' }, ...unprocessable('/url', /private/), rule: 'public_address' },
  { route: 'DELETE /webhook-endpoints/{endpointId}', what: 'a body', ...noBody },
  { route: 'POST /webhook-endpoints/{endpointId}/rotate-secret', what: 'a body (the new secret is made by Flexroll)', body: { secret: 'whsec_mine' }, status: 400, code: 'unexpected_body', fields: ['/'], message: /takes no body/ },
  { route: 'POST /webhook-endpoints/{endpointId}/test', what: 'an id that is not whe_ + 24 hex', path: '/webhook-endpoints/msg_000000000000000000000000/test', ...invalid('/path/endpointId'), rule: 'pattern' },
  { route: 'GET /webhook-endpoints/{endpointId}/messages', what: 'a state that does not exist', query: 'state=lost', ...invalid('/query/state'), rule: 'enum' },
  { route: 'GET /webhook-endpoints/{endpointId}/messages', what: 'a type that does not exist', query: 'type=enrollment.created,enrollment.bogus', ...invalid('/query/type'), rule: 'event_type', message: /not enrollment\.bogus/ },
  { route: 'GET /webhook-endpoints/{endpointId}/messages', what: 'an enrollment id that is not one', query: 'enrollmentId=enr_1', ...invalid('/query/enrollmentId'), rule: 'pattern' },
  { route: 'GET /webhook-endpoints/{endpointId}/messages', what: 'a createdFrom that is not a time', query: 'createdFrom=yesterday', ...invalid('/query/createdFrom'), rule: 'format' },
  { route: 'GET /webhook-endpoints/{endpointId}/messages', what: 'a createdTo before createdFrom', query: 'createdFrom=2030-01-02T00:00:00Z&createdTo=2030-01-01T00:00:00Z', ...invalid('/query/createdTo'), rule: 'not_before_created_from' },
  { route: 'GET /webhook-endpoints/{endpointId}/messages/{messageId}/attempts', what: 'a message id that is not msg_ + 24 hex', path: '/webhook-endpoints/{endpointId}/messages/msg_1/attempts', ...invalid('/path/messageId'), rule: 'pattern' },
  { route: 'POST /webhook-endpoints/{endpointId}/messages/{messageId}/replay', what: 'an unknown query parameter', query: 'force=true', ...unknownField('/query/force') },
  { route: 'POST /webhook-endpoints/{endpointId}/replay-failed', what: 'no since', body: {}, ...required('/since') },
  { route: 'POST /webhook-endpoints/{endpointId}/replay-failed', what: 'a since that is not a time', body: { since: 'last week' }, ...invalid('/since'), rule: 'format' },
  { route: 'GET /programInstances/{instanceId}/deadlines', what: 'a status that does not exist', query: 'status=missed,late', ...invalid('/query/status'), rule: 'pattern' },
  { route: 'GET /deadlines', what: 'an overdueBy that is not an ISO-8601 duration', query: 'overdueBy=3days', ...invalid('/query/overdueBy'), rule: 'pattern' },
  { route: 'GET /deadlines/{deadlineId}', what: 'an id that is not dl_…', path: '/deadlines/msg_000000000000000000000000', ...invalid('/path/deadlineId'), rule: 'pattern' },
  { route: 'POST /deadlines/{deadlineId}/acknowledge', what: 'no reason', body: {}, ...required('/reason') },
  { route: 'POST /deadlines/{deadlineId}/snooze', what: 'an until in the past', body: { reason: 'Waiting for the installer', until: '2024-12-31T09:00:00Z' }, ...unprocessable('/until', /must be in the future/) },
  { route: 'GET /programInstances/{instanceId}/summary', what: 'an unknown query parameter', query: 'since=2025-01-01', ...unknownField('/query/since') },
  { route: 'GET /programInstances/{instanceId}/enrollments/export.csv', what: 'a createdFrom that is not a time', query: 'createdFrom=yesterday', ...invalid('/query/createdFrom'), rule: 'format' },
  { route: 'POST /programInstances/{instanceId}/eligibility-rules/dry-run', what: 'no rules', body: {}, ...required('/eligibilityRules') },
  ...HARDENING_BAD_REQUESTS,
];
