import { isLeaving, TERMINAL_STATES, Type, type ParticipationMove, type ParticipationView } from '@flexroll/sdk';
import { ENROLLMENT_REFERENCE, type HomeBatteryContext } from './manifest.js';

const TokenAnswer = Type.Object({ access_token: Type.String({ minLength: 1 }), expires_in: Type.Integer({ minimum: 1 }) });
const Created = Type.Object({ id: Type.String({ minLength: 1 }) });

/** The operator's API, behind OAuth 2.0 client credentials: a form-encoded token request, 60 s tokens the platform caches. */
export function homeBatteryApi(context: HomeBatteryContext) {
  const { apiBaseUrl, clientId, clientSecret } = context.config;
  return context.http.client({
    baseUrl: apiBaseUrl,
    login: async (plain, signal) => {
      const { body } = await plain.request({
        method: 'POST', path: '/oauth/token', signal, idempotent: true, schema: TokenAnswer,
        form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      });
      return { token: body.access_token, expiresAt: new Date(context.now.getTime() + body.expires_in * 1000) };
    },
  });
}

/** At creation: the operator enrolls the customer by e-mail (granted by the instance), and answers with its id. */
export async function createEnrollment(participation: ParticipationView, context: HomeBatteryContext): Promise<void> {
  const email = participation.customer?.email;
  if (email === undefined) throw new Error('The operator needs the customer’s e-mail: grant it (customerDataGrant: { fields: ["email"] }).');
  const { body } = await homeBatteryApi(context).request({
    method: 'POST', path: '/v1/enrollments', idempotent: true, schema: Created, // the operator honours Idempotency-Key
    json: { email, serialNumber: participation.serialNumber, externalReference: participation.id },
  });
  await context.references.link({ kind: ENROLLMENT_REFERENCE, value: body.id }, participation.id);
}

/** On the move that leaves the programme (unenrolment, or a failure): the operator's enrollment is deleted. */
export async function deleteEnrollmentOnLeaving(move: ParticipationMove, participation: ParticipationView, context: HomeBatteryContext): Promise<void> {
  const gone = (state: ParticipationMove['to']['state']) => isLeaving(state) || TERMINAL_STATES.includes(state);
  if (gone(move.from.state) || !gone(move.to.state)) return;
  const id = participation.operatorReferences?.find((reference) => reference.kind === ENROLLMENT_REFERENCE)?.value;
  if (id === undefined) return context.logger.warn('no operator enrollment to delete', { participationId: participation.id });
  await homeBatteryApi(context).request({ method: 'DELETE', path: `/v1/enrollments/${encodeURIComponent(id)}`, accept: [404] });
}
