import { ProgramInstanceService, ProgramService, type ProgramInstanceChanges, type ProgramInstanceInput } from '@flexroll/core';
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
    permission: 'programs:read', query: PageOnly, responses: { 200: ProgramPage },
    async handle({ container, query }) {
      return { status: 200, body: await container.get(ProgramService).list(pageRequest(query)) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programs/{programId}', operationId: 'getProgram', tag: 'Programs', summary: 'Retrieve a program',
    permission: 'programs:read', params: IdParams('programId', PrefixedId('vpr')), query: NoQuery, responses: { 200: ProgramResponse },
    async handle({ container, params }) {
      return { status: 200, body: await container.get(ProgramService).get(params.programId!) };
    },
  }),
  defineRoute({
    method: 'post', path: '/programs', operationId: 'createProgram', tag: 'Programs', summary: 'Create a program (platform administrators only)',
    permission: 'platform_admin', query: NoQuery, body: CreateProgramBody, responses: { 201: ProgramResponse },
    async handle({ container, body }) {
      return { status: 201, body: await container.get(ProgramService).create(body as never) };
    },
  }),
  defineRoute({
    method: 'post', path: '/programInstances', operationId: 'createProgramInstance', tag: 'Program instances', summary: 'Create a program instance',
    permission: 'program_instances:write', query: NoQuery, body: CreateProgramInstanceBody, responses: { 201: ProgramInstanceResponse },
    async handle({ container, context, body }) {
      const instance = await container.get(ProgramInstanceService).create(context, body as ProgramInstanceInput);
      return { status: 201, body: renderProgramInstance(instance, container) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances', operationId: 'listProgramInstances', tag: 'Program instances', summary: 'List program instances',
    permission: 'program_instances:read', query: PageOnly, responses: { 200: ProgramInstancePage },
    async handle({ container, context, query }) {
      const page = await container.get(ProgramInstanceService).list(context, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map((instance) => renderProgramInstance(instance, container)) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}', operationId: 'getProgramInstance', tag: 'Program instances', summary: 'Retrieve a program instance',
    permission: 'program_instances:read', params: InstanceParams, query: NoQuery, responses: { 200: ProgramInstanceResponse },
    async handle({ container, context, params }) {
      return { status: 200, body: renderProgramInstance(await container.get(ProgramInstanceService).get(context, params.instanceId!), container) };
    },
  }),
  defineRoute({
    method: 'patch', path: '/programInstances/{instanceId}', operationId: 'updateProgramInstance', tag: 'Program instances', summary: 'Update a program instance',
    permission: 'program_instances:write', params: InstanceParams, query: NoQuery, body: UpdateProgramInstanceBody, responses: { 200: ProgramInstanceResponse },
    async handle({ container, context, params, body }) {
      const instance = await container.get(ProgramInstanceService).update(context, params.instanceId!, body as ProgramInstanceChanges);
      return { status: 200, body: renderProgramInstance(instance, container) };
    },
  }),
];
