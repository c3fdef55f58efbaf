import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { RulesDryRunBody, RulesDryRunResponse } from '../schemas/dryRunSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

/** The rules editor's trial: eligibility rules screened against an instance's newest candidates, nothing saved or moved. */
export const rulesDryRunRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/eligibility-rules/dry-run', operationId: 'dryRunEligibilityRules', tag: 'Program instances',
    summary: 'Screen the instance’s newest 100 candidates and ineligible enrollments under eligibility rules not yet saved (changes nothing; the operator is not asked)',
    permission: 'program_instances:write', params: IdParams('instanceId', Cuid), query: NoQuery, body: RulesDryRunBody, services: ['rulesDryRun'],
    responses: { 200: RulesDryRunResponse },
    async handle({ services, context, params, body }) {
      const outcome = await services.rulesDryRun.run(context, params.instanceId, body.eligibilityRules);
      return {
        status: 200,
        body: {
          object: 'eligibility_rules_dry_run', programInstanceId: params.instanceId, evaluated: outcome.evaluated, eligible: outcome.eligible, ineligible: outcome.ineligible,
          results: outcome.results.map(({ enrollment, verdict }) => ({
            enrollmentId: enrollment.id, ...(enrollment.referenceId === undefined ? {} : { referenceId: enrollment.referenceId }), status: enrollment.eligibility.status,
            eligible: verdict.eligible, reason: verdict.reason, failedRules: verdict.failedRules,
          })),
        },
      };
    },
  }),
];
