import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES } from '@flexroll/sdk';
import { BULK_ACTIONS, FIRST_ERRORS, UPLOAD_FORMATS } from '@flexroll/core';
import { closed, Cuid, DateTime, PageOf, PageQuery, StringEnum, Text } from './common.js';
import { EnrollmentFilterFields } from './enrollmentSchemas.js';

const Count = Type.Integer({ minimum: 0 });
const Where = Type.Object(
  {
    status: Type.Optional(Type.Array(StringEnum(ENROLLMENT_STATUSES), { minItems: 1, uniqueItems: true, description: 'Enrollments in any of these statuses (by default, those the action can start from)' })),
    tags: Type.Optional(Type.Array(Text(64), { minItems: 1, maxItems: 50, uniqueItems: true, description: 'Enrollments carrying every one of these tags' })),
    referenceIds: Type.Optional(Type.Array(Text(100), { minItems: 1, maxItems: 5_000, uniqueItems: true, description: 'Enrollments with any of these referenceIds' })),
  },
  closed,
);

/** `POST /programInstances/{instanceId}/bulk-actions`: approve, reject or unenroll a filtered set with a reason, or screen it again. */
export const BulkActionBody = Type.Object(
  {
    action: StringEnum(BULK_ACTIONS, { description: 'approve (submitted → approved), reject (submitted → rejected), unenroll (approved → unenrolled), or evaluate (screen candidates and ineligible ones again under the rules in force)' }),
    where: Type.Optional(Where),
    filter: Type.Optional(Type.Object(EnrollmentFilterFields, {
      ...closed,
      description: 'Instead of where: the list’s filters, by the names and in the forms of GET …/enrollments’ query (status comma-separated, overdue "true", q, …); with no status, the statuses the action starts from. overdue is resolved when the job starts.',
    })),
    reason: Type.Optional(Text(500)),
  },
  {
    ...closed,
    allOf: (['approve', 'reject', 'unenroll'] as const).map((action) => ({ if: { properties: { action: { const: action } }, required: ['action'] }, then: { required: ['reason'] } })),
  },
);

export const RowErrorResponse = Type.Object(
  {
    row: Type.Integer({ minimum: 1, description: '1-based: the first data row is 1 (line 2 of a CSV with its header)' }),
    line: Type.Optional(Type.Integer({ minimum: 1, description: 'The line of the file the row starts on' })),
    field: Type.String({ description: 'A JSON pointer into the row, in the file’s own field names; / for the whole row' }),
    rule: Type.Optional(Type.String({ description: 'The rule the row broke: required, format, unique_key, illegal_transition, … (absent on errors recorded before rules were)' })),
    message: Type.String(),
    referenceId: Type.Optional(Type.String()),
    enrollmentId: Type.Optional(Type.String()),
  },
  closed,
);

export const JobResponse = Type.Object(
  {
    id: Cuid,
    object: Type.Literal('job'),
    type: StringEnum(['import', 'bulk_action'] as const),
    programInstanceId: Cuid,
    status: StringEnum(['receiving', 'queued', 'running', 'completed', 'failed'] as const, {
      description: 'completed: at least one row done (or none to do), failures counted in counts.failed; failed: the job could not run, or every row failed (error.code every_row_failed)',
    }),
    key: Type.Optional(Type.String()),
    format: Type.Optional(StringEnum(UPLOAD_FORMATS)),
    action: Type.Optional(StringEnum(BULK_ACTIONS)),
    where: Type.Optional(Where),
    filter: Type.Optional(Type.Object(EnrollmentFilterFields, { ...closed, description: 'The list filter the job was started with, as it was given' })),
    reason: Type.Optional(Type.String()),
    rows: Type.Object({ received: Count, total: Type.Optional(Count), processed: Count }, closed),
    counts: Type.Object(
      { created: Count, updated: Count, unchanged: Count, eligible: Count, ineligible: Count, moved: Count, skipped: Count, failed: Count },
      closed,
    ),
    error: Type.Optional(
      Type.Object(
        {
          code: Type.String({ description: 'every_row_failed, upload_abandoned, program_instance_not_found, or the code of the error that refused the upload' }),
          message: Type.String(),
          details: Type.Optional(Type.Array(RowErrorResponse, { maxItems: FIRST_ERRORS, description: `With every_row_failed: the first ${FIRST_ERRORS} row errors; GET /jobs/{jobId}/errors pages all of them` })),
        },
        closed,
      ),
    ),
    createdAt: DateTime,
    updatedAt: DateTime,
    startedAt: Type.Optional(DateTime),
    finishedAt: Type.Optional(DateTime),
  },
  closed,
);
export const JobPage = PageOf(JobResponse);

export const RowErrorPage = PageOf(RowErrorResponse);

export const JobListQuery = Type.Object({ ...PageQuery, key: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'The job this Idempotency-Key started' })) }, closed);
