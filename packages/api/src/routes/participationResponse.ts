import { AdapterGateway, CORE_TOKENS, ProgramInstanceService, ProgramService, resolvePort, type Enrollment } from '@flexroll/core';
import type { Container } from 'inversify';
import { renderParticipation } from '../render/renderParticipation.js';
import type { RouteRequest, RouteResult } from './RouteDefinition.js';

/** A 200 with the enrollment's participation in seed 001's shape, its programme, provider and adapter's messages. */
export async function participationResponse(request: RouteRequest, enrollment: Enrollment): Promise<RouteResult> {
  const instance = await request.container.get(ProgramInstanceService).get(request.context, enrollment.programInstanceId);
  const program = await request.container.get(ProgramService).get(instance.programId);
  const messages = request.container.get(AdapterGateway).for(instance).messages;
  return { status: 200, body: renderParticipation(enrollment, instance, program, request.vocabulary, platformNow(request.container), messages) };
}

/** A time the client gave (normalised to ISO-8601 UTC), or the platform's now. */
export function givenOrNow(container: Container, given: string | undefined): string {
  return (given === undefined ? platformNow(container) : new Date(given)).toISOString();
}

function platformNow(container: Container): Date {
  return resolvePort(container, CORE_TOKENS.clock).now();
}
