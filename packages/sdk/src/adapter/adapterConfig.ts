import type { Static, TSchema } from '@sinclair/typebox';
import type { OperatorEvent } from './OperatorEventEffect.js';

/**
 * TypeBox's schema builder, re-exported so an adapter writes its config schema with the SDK alone: what it builds is
 * plain JSON Schema (the platform validates configs with it, as before) that also carries its static type, which
 * {@link defineAdapter} hands to every call as `context.config`. Mark secrets with `'x-secret': true`.
 *
 * @example
 * const configSchema = Type.Object({
 *   apiBaseUrl: Type.String({ format: 'uri' }),
 *   apiToken: Type.String({ minLength: 8, 'x-secret': true }),
 *   requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, default: 3000 })),
 * }, { additionalProperties: false });
 */
export { Type } from '@sinclair/typebox';

/**
 * The static type of a TypeBox schema (TypeBox's own `Static`).
 * @example type AcmeConfig = Static<typeof configSchema>; // { apiBaseUrl: string; apiToken: string; requestTimeoutMs?: number }
 */
export type { Static, TSchema } from '@sinclair/typebox';

/** A config whose schema says nothing the compiler can read (a plain JSON Schema): each value is `unknown`. @example const region = (context.config as AdapterConfig).region; */
export type AdapterConfig = Readonly<Record<string, unknown>>;

/**
 * The config type a manifest's `configSchema` gives: the schema's static type when it was built with {@link Type},
 * else {@link AdapterConfig}, so an adapter with a plain JSON Schema keeps working as before.
 * @example type KrakenConfig = ConfigOf<typeof configSchema>;
 */
export type ConfigOf<Schema> = Schema extends TSchema ? Readonly<Static<Schema>> : AdapterConfig;

/**
 * The events `mapOperatorEvent` receives, from a manifest's `operatorEvents`: one member per event type, its payload
 * typed from its schema when that was built with {@link Type} (`unknown` otherwise), so a `switch (event.type)`
 * narrows the payload; {@link OperatorEvent} itself when the event types are not known to the compiler.
 * @example type AcmeEvent = OperatorEventOf<typeof operatorEvents>; // OperatorEvent<'device.live', { deviceRef: string }>
 */
export type OperatorEventOf<Events> = string extends keyof Events
  ? OperatorEvent
  : { [Name in keyof Events & string]: OperatorEvent<Name, Events[Name] extends TSchema ? Static<Events[Name]> : unknown> }[keyof Events & string];
