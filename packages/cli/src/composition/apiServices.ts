import type { ApiServices } from '@flexroll/api';
import { resolvePlatformServices } from '@flexroll/core';
import type { Container } from 'inversify';

/** The services the API is handed, resolved once from the platform's container. */
export function apiServices(container: Container): ApiServices {
  return resolvePlatformServices(container);
}
