import { ParticipationService } from '@flexroll/core';
import { fromVocabulary, type ParticipationTrigger, type SuspensionReason } from '@flexroll/sdk';
import { IdParams, NoQuery, PrefixedId } from '../schemas/common.js';
import {
  ConsentBody,
  EmptyBody,
  ParticipationResponse,
  SettlementBody,
  SubmitParticipationStateBody,
  TelemetryBody,
  TriggerBody,
} from '../schemas/participationSchemas.js';
import { givenOrNow, participationResponse } from './participationResponse.js';
import { defineRoute, type RouteDefinition, type RouteRequest } from './RouteDefinition.js';

const Params = IdParams('participation_id', PrefixedId('vpo'));
const TAG = 'VPP participations';

/** Seed 001's GET, seed 002's state submission, the DESIGN's triggers, and the facts that move a participation on. */
export const participationRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/vpp-participations/{participation_id}', operationId: 'getParticipation', tag: TAG,
    summary: 'Retrieve a VPP participation', permission: 'participations:read',
    params: Params, query: NoQuery, responses: { 200: ParticipationResponse },
    async handle(request) {
      const enrollment = await request.container.get(ParticipationService).find(request.context, id(request));
      return participationResponse(request, enrollment);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}', operationId: 'submitParticipationState', tag: TAG,
    summary: 'Submit an update to VPP participation state (seed 002)', permission: 'participations:write',
    params: Params, query: NoQuery, body: SubmitParticipationStateBody, responses: { 200: ParticipationResponse },
    async handle(request) {
      const body = request.body as { reference_id?: string; participation_state: { state: string; suspension_reasons?: SuspensionReason[] }[] };
      const states = body.participation_state.map((entry, index) => ({
        state: fromVocabulary(entry.state, request.vocabulary, `/participation_state/${index}/state`),
        ...(entry.suspension_reasons?.[0] === undefined ? {} : { suspensionReason: entry.suspension_reasons[0] }),
      }));
      const enrollment = await request.container.get(ParticipationService).submitStates(request.context, id(request), states, body.reference_id);
      return participationResponse(request, enrollment);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/triggers', operationId: 'fireParticipationTrigger', tag: TAG,
    summary: 'Fire a participation trigger (DESIGN §2b)', permission: 'participations:write',
    params: Params, query: NoQuery, body: TriggerBody, responses: { 200: ParticipationResponse },
    async handle(request) {
      const body = request.body as { trigger: ParticipationTrigger; suspension_reason?: SuspensionReason; reason?: string };
      const enrollment = await request.container.get(ParticipationService).trigger(request.context, id(request), {
        trigger: body.trigger,
        ...(body.suspension_reason === undefined ? {} : { suspensionReason: body.suspension_reason }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      });
      return participationResponse(request, enrollment);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/telemetry', operationId: 'recordTelemetry', tag: TAG,
    summary: 'Record that device telemetry arrived', permission: 'participations:write',
    params: Params, query: NoQuery, body: TelemetryBody, responses: { 200: ParticipationResponse },
    async handle(request) {
      const { received_at } = request.body as { received_at?: string };
      const at = givenOrNow(request.container, received_at);
      return participationResponse(request, await request.container.get(ParticipationService).recordTelemetry(request.context, id(request), at));
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/consent', operationId: 'grantConsent', tag: TAG,
    summary: 'Record the customer’s dispatch consent', permission: 'participations:write',
    params: Params, query: NoQuery, body: ConsentBody, responses: { 200: ParticipationResponse },
    async handle(request) {
      const { terms_version, expires_at } = request.body as { terms_version: string; expires_at?: string };
      const consent = { grantedAt: givenOrNow(request.container, undefined), termsVersion: terms_version, ...(expires_at === undefined ? {} : { expiresAt: givenOrNow(request.container, expires_at) }) };
      return participationResponse(request, await request.container.get(ParticipationService).grantConsent(request.context, id(request), consent));
    },
  }),
  defineRoute({
    method: 'delete', path: '/vpp-participations/{participation_id}/consent', operationId: 'revokeConsent', tag: TAG,
    summary: 'Revoke the customer’s dispatch consent', permission: 'participations:write',
    params: Params, query: NoQuery, responses: { 200: ParticipationResponse },
    async handle(request) {
      return participationResponse(request, await request.container.get(ParticipationService).revokeConsent(request.context, id(request)));
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/meter-access', operationId: 'grantMeterAccess', tag: TAG,
    summary: 'Record that boundary-meter access is available', permission: 'participations:write',
    params: Params, query: NoQuery, body: EmptyBody, responses: { 200: ParticipationResponse },
    async handle(request) {
      return participationResponse(request, await request.container.get(ParticipationService).grantMeterAccess(request.context, id(request)));
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/rewards-settlement', operationId: 'markRewardsSettled', tag: TAG,
    summary: 'Record that outstanding rewards are settled', permission: 'participations:write',
    params: Params, query: NoQuery, body: SettlementBody, responses: { 200: ParticipationResponse },
    async handle(request) {
      const { settled_at } = request.body as { settled_at?: string };
      const at = givenOrNow(request.container, settled_at);
      return participationResponse(request, await request.container.get(ParticipationService).markRewardsSettled(request.context, id(request), at));
    },
  }),
];

function id(request: RouteRequest): string {
  return request.params.participation_id!;
}
