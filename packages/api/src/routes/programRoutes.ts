import { etagOf, type ProgramInstance, versionOf } from '@flexroll/core';
import { renderProgramInstance } from '../render/renderProgramInstance.js';
import { Cuid, IdParams, NoQuery, PageQuery, PrefixedId, closed } from '../schemas/common.js';
import {
  CreateProgramBody,
  CreateProgramInstanceBody,
  ProgramInstancePage,
  ProgramInstanceResponse,
  ProgramPage,
  ProgramResponse,
  UpdateProgramInstanceBody,
  EligibilityRulesVersionResponse,
} from '../schemas/programSchemas.js';
import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { pageRequest } from './queryHelpers.js';

const PageOnly = Type.Object(PageQuery, closed);
const InstanceParams = IdParams('instanceId', Cuid);

/** Programs (platform-wide; written by platform administrators) and a workspace's program instances. */
export const programRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/programs', operationId: 'listPrograms', tag: 'Programs', summary: 'List programs',
    permission: 'programs:read', query: PageOnly, services: ['programs'], responses: { 200: ProgramPage },
    async handle({ services, query }) {
      return { status: 200, body: await services.programs.list(pageRequest(query)) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programs/{programId}', operationId: 'getProgram', tag: 'Programs', summary: 'Retrieve a program',
    permission: 'programs:read', params: IdParams('programId', PrefixedId('vpr')), query: NoQuery, services: ['programs'], responses: { 200: ProgramResponse },
    async handle({ services, params }) {
      return { status: 200, body: await services.programs.get(params.programId) };
    },
  }),
  defineRoute({
    method: 'post', path: '/programs', operationId: 'createProgram', tag: 'Programs', summary: 'Create a program (platform administrators only)',
    permission: 'platform_admin', query: NoQuery, body: CreateProgramBody, services: ['programs'], responses: { 201: ProgramResponse },
    async handle({ services, body, context }) {
      return { status: 201, body: await services.programs.create(body, context.operation) };
    },
  }),
  defineRoute({
    method: 'post', path: '/programInstances', operationId: 'createProgramInstance', tag: 'Program instances', summary: 'Create a program instance',
    permission: 'program_instances:write', query: NoQuery, body: CreateProgramInstanceBody, services: ['programInstances'], responses: { 201: ProgramInstanceResponse },
    async handle({ services, context, body }) {
      return { status: 201, body: renderProgramInstance(await services.programInstances.create(context, body)) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances', operationId: 'listProgramInstances', tag: 'Program instances', summary: 'List program instances',
    permission: 'program_instances:read', query: PageOnly, services: ['programInstances'], responses: { 200: ProgramInstancePage },
    async handle({ services, context, query }) {
      const page = await services.programInstances.list(context, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderProgramInstance) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}', operationId: 'getProgramInstance', tag: 'Program instances', summary: 'Retrieve a program instance',
    permission: 'program_instances:read', params: InstanceParams, query: NoQuery, services: ['programInstances'], responses: { 200: ProgramInstanceResponse }, etag: 'answers',
    async handle({ services, context, params }) {
      return versioned(await services.programInstances.get(context, params.instanceId));
    },
  }),
  defineRoute({
    method: 'patch', path: '/programInstances/{instanceId}', operationId: 'updateProgramInstance', tag: 'Program instances', summary: 'Update a program instance',
    permission: 'program_instances:write', params: InstanceParams, query: NoQuery, body: UpdateProgramInstanceBody, services: ['programInstances'], responses: { 200: ProgramInstanceResponse },
    etag: 'checks',
    async handle({ services, context, params, body }) {
      return versioned(await services.programInstances.update(context, params.instanceId, body));
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/eligibility-rules/{version}', operationId: 'getEligibilityRulesVersion', tag: 'Program instances',
    summary: 'Retrieve one version of a program instance’s eligibility rules (evaluations name the version they used)', permission: 'program_instances:read',
    params: Type.Object({ instanceId: Cuid, version: Type.Integer({ minimum: 1 }) }, closed), query: NoQuery, services: ['programInstances'], responses: { 200: EligibilityRulesVersionResponse },
    async handle({ services, context, params }) {
      const found = await services.programInstances.ruleVersion(context, params.instanceId, params.version);
      return { status: 200, body: { programInstanceId: params.instanceId, ...found } };
    },
  }),
];

/** An instance as answered, with its version as the `ETag` (issue 24). */
function versioned(instance: ProgramInstance): { status: number; body: unknown; headers: Record<string, string> } {
  return { status: 200, body: renderProgramInstance(instance), headers: { ETag: etagOf(versionOf(instance)) } };
}
