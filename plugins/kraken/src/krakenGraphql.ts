import { jwtExpiresAt, matchesSchema, OperatorCallError, Type, type AccessToken, type OperatorHttpClient } from '@flexroll/sdk';
import { DEFAULT_API_BASE_URL, DEFAULT_REQUEST_TIMEOUT_MS, type KrakenContext } from './config.js';
import { DEVICE_STATUSES, type DeviceStatus, type SmartControlAction } from './krakenEnums.js';

/**
 * Kraken's GraphQL API, as this adapter calls it: `obtainKrakenToken` for a JWT (kept in the token cache the
 * platform owns for the instance and its config, refreshed before it expires and when Kraken refuses it), the
 * device statuses of an account, a test dispatch, and smart control. The operation documents are here in one place.
 */

export const OBTAIN_TOKEN = 'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token refreshExpiresIn } }';
export const DEVICE_STATUSES_QUERY = 'query FlexrollDeviceStatuses($accountNumber: String!) { devices(accountNumber: $accountNumber) { id deviceType provider status { current isSuspended } } }';
export const START_TEST_DISPATCH = 'mutation FlexrollTestDispatch($input: StartTestDispatchInput!) { startTestDispatch(input: $input) { testDispatch { status } } }';
export const UPDATE_SMART_CONTROL = 'mutation FlexrollSmartControl($input: SmartControlInput!) { updateDeviceSmartControl(input: $input) { id } }';

/** Kraken's error codes for a JWT it no longer accepts (expired, invalid): drop the token and obtain another. */
const TOKEN_REFUSED = new Set(['KT-CT-1124', 'KT-CT-1111', 'KT-CT-1112']);

/** One device as the status query reports it. */
export interface KrakenDevice {
  readonly id: string;
  readonly status: DeviceStatus;
  readonly isSuspended: boolean;
}

/** Kraken's GraphQL endpoint for one program instance's config, through the client the platform hands the adapter. */
export class KrakenGraphql {
  private readonly http: OperatorHttpClient;

  constructor(private readonly context: KrakenContext) {
    const { apiBaseUrl = DEFAULT_API_BASE_URL, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = context.config;
    this.http = context.http.client({ baseUrl: apiBaseUrl, timeoutMs: requestTimeoutMs, login: (plain, signal) => this.obtainToken(plain, signal) });
  }

  async deviceStatuses(accountNumber: string): Promise<KrakenDevice[]> {
    const data = await this.call(DEVICE_STATUSES_QUERY, { accountNumber }, true);
    if (!matchesSchema(DEVICE_LIST, data)) throw this.malformed('devices is not a list');
    return data.devices.map((device: unknown) => this.readDevice(device));
  }

  async startTestDispatch(deviceId: string): Promise<void> {
    await this.call(START_TEST_DISPATCH, { input: { deviceId } }, false);
  }

  async setSmartControl(deviceId: string, action: SmartControlAction): Promise<void> {
    await this.call(UPDATE_SMART_CONTROL, { input: { deviceId, action } }, true);
  }

  /** One operation; a GraphQL error is a failure, and a refused token is dropped and the operation sent once more. */
  private async call(query: string, variables: Record<string, unknown>, idempotent: boolean, retried = false): Promise<unknown> {
    // Every operation is a POST to one endpoint: only one that is not safe to repeat (a test dispatch) carries the
    // outbox item's Idempotency-Key, so no query or other mutation of the same call shares it.
    const { body } = await this.http.request({ method: 'POST', path: '', json: { query, variables }, idempotent, ...(idempotent ? { idempotencyKey: false } : {}), schema: GRAPHQL_BODY });
    const refused = body.errors?.find((error) => TOKEN_REFUSED.has(error.extensions?.errorCode ?? ''));
    if (refused !== undefined && !retried) {
      this.context.http.forgetToken();
      return this.call(query, variables, idempotent, true);
    }
    if (body.errors !== undefined && body.errors.length > 0) {
      const codes = body.errors.map((error) => error.extensions?.errorCode ?? error.message.slice(0, 80)).join(', ');
      throw new OperatorCallError('kraken', 'status', `kraken answered GraphQL errors: ${codes}`, 1);
    }
    if (body.data === undefined || body.data === null) throw this.malformed('no data');
    return body.data;
  }

  private async obtainToken(plain: OperatorHttpClient, signal?: AbortSignal): Promise<AccessToken> {
    const input = { APIKey: this.context.config.apiKey };
    const { body } = await plain.request({ method: 'POST', path: '', json: { query: OBTAIN_TOKEN, variables: { input } }, signal, idempotent: true, schema: GRAPHQL_BODY });
    const token = readToken(body.data);
    if (token === undefined) throw this.malformed('obtainKrakenToken gave no token');
    return { token, expiresAt: jwtExpiresAt(token) ?? new Date(this.context.now.getTime() + 55 * 60_000) };
  }

  private readDevice(device: unknown): KrakenDevice {
    if (!matchesSchema(DEVICE, device)) throw this.malformed('a device without an id or a known status');
    return { id: device.id, status: device.status.current, isSuspended: device.status.isSuspended === true };
  }

  private malformed(problem: string): OperatorCallError {
    return new OperatorCallError('kraken', 'malformed', `kraken answered with a body that is not what was expected: ${problem}`, 1);
  }
}

/** The token in obtainKrakenToken's answer, if it holds one. */
function readToken(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('obtainKrakenToken' in data)) return undefined;
  const answer = data.obtainKrakenToken;
  if (typeof answer !== 'object' || answer === null || !('token' in answer)) return undefined;
  return typeof answer.token === 'string' && answer.token !== '' ? answer.token : undefined;
}

/** A GraphQL answer: its data (checked by each operation) and its errors, each with a message and maybe Kraken's code. */
const GRAPHQL_BODY = Type.Object({
  data: Type.Optional(Type.Unknown()),
  errors: Type.Optional(Type.Array(Type.Object({ message: Type.String(), extensions: Type.Optional(Type.Object({ errorCode: Type.Optional(Type.String()) })) }))),
});

/** The status query's data: a list of devices, each read by {@link DEVICE}. */
const DEVICE_LIST = Type.Object({ devices: Type.Array(Type.Unknown()) });

/** One device of the status query, as far as this adapter reads it: its id and a status Kraken documents. */
const DEVICE = Type.Object({
  id: Type.String(),
  status: Type.Object({
    current: Type.Union(DEVICE_STATUSES.map((status) => Type.Literal(status))),
    isSuspended: Type.Optional(Type.Unknown()),
  }),
});
