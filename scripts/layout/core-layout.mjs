// Where each file of packages/core/src goes when core is regrouped by capability (issue 17, item 4).
// Read by apply-core-layout.mjs; see README.md beside it for how to re-apply it over a merged tree.
//
// A file's new place: its entry in FILES if it has one, else the default of the longest folder in FOLDERS that holds
// it (the part of its path below that folder is kept: jobs/import/x.ts → jobs/import/x.ts). A folder mapped to null
// has no default: a file there without a FILES entry is reported, and the script stops, so that a file another branch
// added is placed by a person, not by a guess.
//
// The capabilities, and why the boundaries fall where they do (each sits above the ones it imports, so the façades
// form no import cycle at run time — see README.md):
// - platform/     the shared kernel: clock, ids, logger, settings, tokens, validation, secrets, the background
//                 runner, claims and leases, request idempotency, the models and ports every capability speaks
//                 (Page, CallContext, Operation, InsertResult). No capability's rules.
// - access/       workspaces and API keys (and the grants a key carries).
// - programs/     programs and program instances: the configuration every other capability reads (adapter config,
//                 eligibility rules, expected durations). Not access control, so not in access/.
// - enrollments/  the enrollment event log, changes and decisions, the projection, identities (customers, leads),
//                 device claims, the enrollment and event services.
// - screening/    eligibility rules and their evaluation.
// - operators/    operator adapters (loading, checking, the gateway), references, the outbox, inbound webhooks and
//                 events, polling, drift.
// - participation/ the participation service, its facts and flags, the sweeps.
// - jobs/         imports and bulk actions.
// - webhooks/     endpoints, the delivery log, dispatch, signing, the SSRF guard.
// - testing/      unchanged: the store conformance suite and harness, exported as @flexroll/core/testing; the stores
//                 run it as one suite, so it stays one folder rather than splitting per capability.

/** Old folder (relative to packages/core/src, '.' for the root) → new folder, or null for "no default". */
export const FOLDERS = {
  '.': null,
  clock: 'platform',
  ids: 'platform',
  logging: 'platform',
  validation: 'platform/validation',
  secrets: 'platform/secrets',
  background: 'platform/background',
  leases: 'platform/leases',
  model: null,
  ports: null,
  services: null,
  sweeps: 'participation/sweeps',
  seeds: 'seeds', // the seeds' example inputs: data for tests and the adapter test kit, not a capability
  enrollment: 'enrollments',
  eligibility: 'screening',
  adapters: 'operators/adapters',
  operators: 'operators',
  participation: 'participation',
  jobs: 'jobs',
  webhooks: 'webhooks',
  testing: 'testing',
  // Folders other branches of issue 17 may have added (placed here so their files land somewhere sensible; the
  // script lists every file placed by one of these defaults, to be checked).
  settings: 'platform/settings',
  retry: 'platform/retry',
  policy: 'participation/policy',
  catalogue: 'enrollments/catalogue',
};

/** Old file path → new file path, both relative to packages/core/src. Wins over FOLDERS. */
export const FILES = {
  // The root keeps the composition: index.ts (the package's entry) and CoreModule.ts (composes the capabilities).
  'index.ts': 'index.ts',
  'CoreModule.ts': 'CoreModule.ts',
  'CoreSettings.ts': 'platform/CoreSettings.ts',
  'tokens.ts': 'platform/tokens.ts',
  'architectureDoc.spec.ts': 'architectureDoc.spec.ts',

  'background/IdempotencyExpiry.ts': 'platform/idempotency/IdempotencyExpiry.ts',
  'secrets/sealConfig.ts': 'operators/adapters/sealConfig.ts',
  'webhooks/EventAppendSignal.ts': 'enrollments/EventAppendSignal.ts',
  // What an adapter is shown of an enrollment: rendered from the enrollment, read by decisions and screening.
  'adapters/views.ts': 'enrollments/views.ts',
  // A submitted participation state is decided by the participation's rules (recordFacts), for ParticipationService.
  'enrollment/decideSubmission.ts': 'participation/decideSubmission.ts',
  // An instance's expected durations are part of its settings, checked when the instance is written.
  'participation/expectedDurations.ts': 'programs/expectedDurations.ts',
  'participation/expectedDurations.spec.ts': 'programs/expectedDurations.spec.ts',

  // Models: each beside the capability that owns it; the few every capability speaks go to the kernel.
  'model/ApiKey.ts': 'access/ApiKey.ts',
  'model/Workspace.ts': 'access/Workspace.ts',
  'model/CallContext.ts': 'platform/CallContext.ts',
  'model/Cursor.ts': 'webhooks/dispatch/Cursor.ts',
  'model/DeliveryAttempt.ts': 'webhooks/dispatch/DeliveryAttempt.ts',
  'model/Enrollment.ts': 'enrollments/Enrollment.ts',
  'model/EnrollmentEvent.ts': 'enrollments/EnrollmentEvent.ts',
  'model/Operation.ts': 'platform/Operation.ts',
  'model/Page.ts': 'platform/Page.ts',
  'model/Participation.ts': 'enrollments/Participation.ts',
  'model/ParticipationRecord.ts': 'participation/ParticipationRecord.ts',
  'model/Person.ts': 'enrollments/people/Person.ts',
  'model/Program.ts': 'programs/Program.ts',
  'model/ProgramInstance.ts': 'programs/ProgramInstance.ts',
  'model/WebhookEndpoint.ts': 'webhooks/WebhookEndpoint.ts',
  'model/WebhookMessage.ts': 'webhooks/WebhookMessage.ts',

  // Ports: each beside its capability (a store still finds them all through the package's index).
  'ports/AdapterOutboxRepository.ts': 'operators/ports/AdapterOutboxRepository.ts',
  'ports/ApiKeyRepository.ts': 'access/ports/ApiKeyRepository.ts',
  'ports/ClaimRepository.ts': 'platform/claims/ClaimRepository.ts',
  'ports/CursorRepository.ts': 'webhooks/ports/CursorRepository.ts',
  'ports/DeliveryAttemptRepository.ts': 'webhooks/ports/DeliveryAttemptRepository.ts',
  'ports/EligibilityRuleRepository.ts': 'screening/ports/EligibilityRuleRepository.ts',
  'ports/EnrollmentEventRepository.ts': 'enrollments/ports/EnrollmentEventRepository.ts',
  'ports/EnrollmentProjectionRepository.ts': 'enrollments/ports/EnrollmentProjectionRepository.ts',
  'ports/EventFeedRepository.ts': 'webhooks/ports/EventFeedRepository.ts',
  'ports/IdempotencyRepository.ts': 'platform/idempotency/IdempotencyRepository.ts',
  'ports/InsertResult.ts': 'platform/InsertResult.ts',
  'ports/JobRepository.ts': 'jobs/ports/JobRepository.ts',
  'ports/OperatorReferenceRepository.ts': 'operators/ports/OperatorReferenceRepository.ts',
  'ports/PersonRepository.ts': 'enrollments/people/PersonRepository.ts',
  'ports/ProgramInstanceRepository.ts': 'programs/ports/ProgramInstanceRepository.ts',
  'ports/ProgramRepository.ts': 'programs/ports/ProgramRepository.ts',
  'ports/WebhookEndpointRepository.ts': 'webhooks/ports/WebhookEndpointRepository.ts',
  'ports/WebhookMessageRepository.ts': 'webhooks/ports/WebhookMessageRepository.ts',
  'ports/WorkspaceRepository.ts': 'access/ports/WorkspaceRepository.ts',

  // Services: each into its capability.
  'services/ApiKeyService.ts': 'access/ApiKeyService.ts',
  'services/keyGrants.ts': 'access/keyGrants.ts',
  'services/WorkspaceService.ts': 'access/WorkspaceService.ts',
  'services/DeviceClaims.ts': 'enrollments/DeviceClaims.ts',
  'services/EnrollmentService.ts': 'enrollments/EnrollmentService.ts',
  'services/EnrollmentCreation.ts': 'enrollments/EnrollmentCreation.ts',
  'services/EventService.ts': 'enrollments/EventService.ts',
  'services/IdentityResolver.ts': 'enrollments/people/IdentityResolver.ts',
  'services/PeopleService.ts': 'enrollments/people/PeopleService.ts',
  'services/IdempotencyService.ts': 'platform/idempotency/IdempotencyService.ts',
  'services/insertOnce.ts': 'platform/insertOnce.ts',
  'services/ownedClaims.ts': 'platform/claims/ownedClaims.ts',
  'services/OperatorEventService.ts': 'operators/OperatorEventService.ts',
  'services/ParticipationService.ts': 'participation/ParticipationService.ts',
  'services/ProgramService.ts': 'programs/ProgramService.ts',
  'services/ProgramInstanceService.ts': 'programs/ProgramInstanceService.ts',
  'services/WebhookEndpointService.ts': 'webhooks/WebhookEndpointService.ts',
  'services/WebhookLogService.ts': 'webhooks/WebhookLogService.ts',
};
