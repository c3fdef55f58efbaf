import { isOperatorReference, type InboundOperatorEvent } from '@flexroll/sdk';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PARTICIPATION_ID = /^vpo_[0-9a-f]{24}$/;

/** What is wrong with what `receiveWebhook` answered, or undefined when it is `{ events: [...] }` of well-formed events. */
export function inboundProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || !Array.isArray((result as { events?: unknown }).events)) return 'no events list';
  for (const [index, event] of ((result as { events: unknown[] }).events).entries()) {
    const problem = eventProblem(event);
    if (problem !== undefined) return `events/${index}: ${problem}`;
  }
  return undefined;
}

function eventProblem(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return 'not an object';
  const e = event as InboundOperatorEvent;
  if (typeof e.type !== 'string' || e.type === '') return 'no type';
  if (e.participationId === undefined && e.reference === undefined) return 'names neither a participationId nor a reference';
  if (e.participationId !== undefined && !(typeof e.participationId === 'string' && PARTICIPATION_ID.test(e.participationId))) return 'participationId is not a vpo_ id';
  if (e.reference !== undefined && !isOperatorReference(e.reference)) return 'reference is not a { kind, value } operator reference';
  if (e.occurredAt !== undefined && !(typeof e.occurredAt === 'string' && TIME.test(e.occurredAt))) return 'occurredAt is not an ISO-8601 time';
  if (e.sequence !== undefined && !Number.isSafeInteger(e.sequence)) return 'sequence is not an integer';
  if (e.id !== undefined && (typeof e.id !== 'string' || e.id.length > 200)) return 'id is not a string of at most 200 characters';
  if (e.stream !== undefined && (typeof e.stream !== 'string' || e.stream === '')) return 'stream is not a non-empty string';
  return undefined;
}
