import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES, PARTICIPATION_STATES } from '@flexroll/sdk';
import { WAITING_ON } from '@flexroll/core';
import { closed, Cuid, DateTime } from './common.js';

const Count = Type.Integer({ minimum: 0 });
const CountsBy = (keys: readonly string[], description: string) => Type.Object(Object.fromEntries(keys.map((key) => [key, Count])), { ...closed, description });

const FunnelStep = Type.Object(
  {
    state: Type.String({ description: 'A step of seed 000’s onboarding path' }),
    current: Type.Integer({ minimum: 0, description: 'Participations at this step now (ACTIVE counts SUSPENDED ones too)' }),
    reached: Type.Integer({ minimum: 0, description: 'Participations at this step or past it on the path' }),
    stoppedBefore: Type.Integer({ minimum: 0, description: 'Reached the step before but not this one (0 for the first step)' }),
  },
  closed,
);

/** `GET /programInstances/{instanceId}/summary`: the console's home counts, every one kept rather than counted by a scan. */
export const InstanceSummaryResponse = Type.Object(
  {
    object: Type.Literal('program_instance_summary'),
    programInstanceId: Cuid,
    enrollments: Type.Integer({ minimum: 0, description: 'Enrollments not deleted' }),
    byStatus: CountsBy(ENROLLMENT_STATUSES, 'Enrollments not deleted, by status'),
    byParticipationState: CountsBy([...PARTICIPATION_STATES, 'none'], 'Enrollments not deleted, by their participation’s state (seed 000’s names); none: no participation yet'),
    funnel: Type.Array(FunnelStep, { description: 'Seed 000’s steps to ACTIVE, in order: how many reached each, and how many stopped before it' }),
    deadlines: Type.Object(
      {
        actionable: CountsBy(WAITING_ON, 'Deadlines due soon or missed, by the party they wait on (snoozed ones included)'),
        missed: CountsBy(WAITING_ON, 'Missed deadlines, by the party they wait on (snoozed ones included)'),
      },
      closed,
    ),
    webhooks: Type.Object(
      {
        endpoints: Type.Integer({ minimum: 0, description: 'Enabled endpoints that receive this instance’s events' }),
        failing: Type.Integer({ minimum: 0, description: 'Of them, those whose last delivery failed (failing since a time)' }),
        disabled: Type.Integer({ minimum: 0, description: 'Endpoints that would receive them but are disabled' }),
        pendingMessages: Type.Integer({ minimum: 0, description: 'Messages waiting for delivery or a retry to the enabled endpoints' }),
      },
      closed,
    ),
    generatedAt: DateTime,
  },
  closed,
);
