import { Type } from '@sinclair/typebox';
import { IdParams, NoQuery } from '../schemas/common.js';
import { renderStateChange } from '../render/renderStateChange.js';
import { pageRequest } from './queryHelpers.js';
import {
  ConsentBody,
  ControlBody,
  EmptyBody,
  HistoryQuery,
  ParticipationHistoryPage,
  ParticipationResponse,
  SettlementBody,
  SubmitParticipationStateBody,
  TelemetryBody,
  TriggerBody,
} from '../schemas/participationSchemas.js';
import { CONTENT_LANGUAGE_HEADER, givenOrNow, participationResponse } from './participationResponse.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { IGNORED_FIELDS_DESCRIPTION, ignoredFieldsHeader, toStateSubmission } from './stateSubmission.js';

/** Seed 001's `vpo_` ids; seed 002's `vpp_` form is well-formed too, and like any id that names nothing, a 404. */
const ParticipationId = Type.String({
  pattern: '^vp[op]_[0-9a-f]{24}$',
  description: 'vpo_ followed by 24 hex digits, e.g. vpo_7c2f1a9e4b0d8f3a6e2c5d10 (seed 002’s vpp_ form names no participation: 404)',
});
const Params = IdParams('participation_id', ParticipationId);
const TAG = 'VPP participations';

/** Seed 001's GET, seed 002's state submission, the DESIGN's triggers, and the facts that move a participation on. */
export const participationRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/vpp-participations/{participation_id}', operationId: 'getParticipation', tag: TAG,
    summary: 'Retrieve a VPP participation', permission: 'participations:read',
    params: Params, query: NoQuery, services: ['participations'], responses: { 200: ParticipationResponse }, etag: 'answers', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, vocabulary, acceptLanguage }) {
      return participationResponse(await services.participations.find(context, params.participation_id), vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'get', path: '/vpp-participations/{participation_id}/history', operationId: 'listParticipationHistory', tag: TAG,
    summary: 'List every state change of a participation, oldest first (the object’s timeline keeps only its latest episodes)',
    permission: 'participations:read', params: Params, query: HistoryQuery, services: ['participations'], responses: { 200: ParticipationHistoryPage },
    async handle({ services, context, params, query, vocabulary }) {
      const page = await services.participations.history(context, params.participation_id, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map((change) => renderStateChange(change, vocabulary)) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}', operationId: 'submitParticipationState', tag: TAG,
    summary: 'Submit an update to VPP participation state (seed 002)', permission: 'participations:write',
    params: Params, query: NoQuery, body: SubmitParticipationStateBody, services: ['participations'], responses: { 200: ParticipationResponse }, etag: 'checks',
    responseHeaders: { 'Flexroll-Ignored-Fields': IGNORED_FIELDS_DESCRIPTION, ...CONTENT_LANGUAGE_HEADER },
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      const record = await services.participations.submitStates(context, params.participation_id, toStateSubmission(body, vocabulary));
      const response = participationResponse(record, vocabulary, acceptLanguage);
      return { ...response, headers: { ...response.headers, ...ignoredFieldsHeader(body).headers } };
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/triggers', operationId: 'fireParticipationTrigger', tag: TAG,
    summary: 'Fire a participation trigger (DESIGN §2b)', permission: 'participations:write',
    params: Params, query: NoQuery, body: TriggerBody, services: ['participations'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      const record = await services.participations.trigger(context, params.participation_id, {
        trigger: body.trigger,
        ...(body.suspension_reason === undefined ? {} : { suspensionReason: body.suspension_reason }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      });
      return participationResponse(record, vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/telemetry', operationId: 'recordTelemetry', tag: TAG,
    summary: 'Record that device telemetry arrived', permission: 'participations:write',
    params: Params, query: NoQuery, body: TelemetryBody, services: ['participations', 'clock'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      const at = givenOrNow(services.clock, body.received_at);
      return participationResponse(await services.participations.recordTelemetry(context, params.participation_id, at), vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/consent', operationId: 'grantConsent', tag: TAG,
    summary: 'Record the customer’s dispatch consent', permission: 'participations:write',
    params: Params, query: NoQuery, body: ConsentBody, services: ['participations', 'clock'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      const consent = {
        grantedAt: givenOrNow(services.clock, undefined),
        termsVersion: body.terms_version,
        ...(body.expires_at === undefined ? {} : { expiresAt: givenOrNow(services.clock, body.expires_at) }),
      };
      return participationResponse(await services.participations.grantConsent(context, params.participation_id, consent), vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'delete', path: '/vpp-participations/{participation_id}/consent', operationId: 'revokeConsent', tag: TAG,
    summary: 'Revoke the customer’s dispatch consent', permission: 'participations:write',
    params: Params, query: NoQuery, services: ['participations'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, vocabulary, acceptLanguage }) {
      return participationResponse(await services.participations.revokeConsent(context, params.participation_id), vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/control', operationId: 'recordControl', tag: TAG,
    summary: 'Record that control of the device is lost or restored', permission: 'participations:write',
    params: Params, query: NoQuery, body: ControlBody, services: ['participations'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      return participationResponse(await services.participations.recordControl(context, params.participation_id, body.available), vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/meter-access', operationId: 'grantMeterAccess', tag: TAG,
    summary: 'Record that boundary-meter access is available', permission: 'participations:write',
    params: Params, query: NoQuery, body: EmptyBody, services: ['participations'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, vocabulary, acceptLanguage }) {
      return participationResponse(await services.participations.grantMeterAccess(context, params.participation_id), vocabulary, acceptLanguage);
    },
  }),
  defineRoute({
    method: 'post', path: '/vpp-participations/{participation_id}/rewards-settlement', operationId: 'markRewardsSettled', tag: TAG,
    summary: 'Record that outstanding rewards are settled', permission: 'participations:write',
    params: Params, query: NoQuery, body: SettlementBody, services: ['participations', 'clock'], responses: { 200: ParticipationResponse }, etag: 'checks', responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      const at = givenOrNow(services.clock, body.settled_at);
      return participationResponse(await services.participations.markRewardsSettled(context, params.participation_id, at), vocabulary, acceptLanguage);
    },
  }),
];
