import { STORE_TOKENS, type Token } from '../../platform/tokens.js';
import { Container, type ContainerModule } from 'inversify';

type PortOf<T> = T extends Token<infer Port> ? Port : never;

/** Every port, resolved through the store's module (so the specs cover its bindings too). */
export type SpecPorts = { readonly [Name in keyof typeof STORE_TOKENS]: PortOf<(typeof STORE_TOKENS)[Name]> };

export function resolveSpecPorts(module: ContainerModule): SpecPorts {
  const container = new Container();
  container.load(module);
  const entries = Object.entries(STORE_TOKENS).map(([name, token]) => [name, container.get(token)]);
  return Object.fromEntries(entries) as SpecPorts;
}
