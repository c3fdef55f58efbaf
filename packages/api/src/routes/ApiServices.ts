import type { PlatformServices } from '@flexroll/core';

/**
 * The services the API is built on, handed to `createApp` by the composition root: the platform's services, listed
 * once in core (`PLATFORM_SERVICES`). A route declares which of them it uses and its handler is given exactly those;
 * nothing in the API reaches into a container.
 */
export type ApiServices = PlatformServices;
