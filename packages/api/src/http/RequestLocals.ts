import type { Principal } from '../auth/authenticate.js';

/** What the API's middlewares keep on `response.locals` for the request. */
export interface RequestLocals {
  requestId: string;
  startedAt: bigint;
  principal?: Principal;
  route?: string;
}
