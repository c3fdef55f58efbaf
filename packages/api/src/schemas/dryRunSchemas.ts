import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES } from '@flexroll/sdk';
import { ELIGIBILITY_RULES_SCHEMA } from '@flexroll/core';
import { closed, Cuid, StringEnum } from './common.js';

/** `POST /programInstances/{instanceId}/eligibility-rules/dry-run`: rules as a save takes them (`eligibilityRules` of PATCH). */
export const RulesDryRunBody = Type.Object({ eligibilityRules: ELIGIBILITY_RULES_SCHEMA }, closed);

const Count = Type.Integer({ minimum: 0 });

export const RulesDryRunResponse = Type.Object(
  {
    object: Type.Literal('eligibility_rules_dry_run'),
    programInstanceId: Cuid,
    evaluated: Type.Integer({ minimum: 0, maximum: 100, description: 'The newest candidates and ineligible enrollments screened (at most 100)' }),
    eligible: Count,
    ineligible: Count,
    results: Type.Array(
      Type.Object(
        {
          enrollmentId: Cuid,
          referenceId: Type.Optional(Type.String()),
          status: StringEnum(ENROLLMENT_STATUSES, { description: 'Its status now (unchanged by the dry run)' }),
          eligible: Type.Boolean(),
          reason: Type.String({ description: 'What screening under these rules would say' }),
          failedRules: Type.Array(Type.String()),
        },
        closed,
      ),
      { description: 'Newest first' },
    ),
  },
  closed,
);
