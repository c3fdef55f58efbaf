import { Type } from '@sinclair/typebox';
import { PARTICIPATION_STATES } from '@flexroll/sdk';
import { closed, Cuid, DateTime, PageOf, PageQuery, StringEnum } from './common.js';

const STATUSES = ['pending', 'sent', 'dead'] as const;

/**
 * One e-mail owed to a self-enrolled customer (issue 22): their status link, or word of a participation state. It
 * names the enrollment and, masked, the address it goes to; never the link, the name or the whole address.
 */
export const CustomerMailResponse = Type.Object(
  {
    id: Type.String({ pattern: '^mail_[0-9a-z_]+$' }),
    enrollmentId: Cuid,
    kind: StringEnum(['status_link', 'state_changed'] as const, { description: '`status_link`: the link to the status page, after submission; `state_changed`: word of a participation state' }),
    state: Type.Optional(StringEnum(PARTICIPATION_STATES, { description: 'The participation state reported (kind `state_changed`)' })),
    locale: Type.String({ description: 'The customer’s locale, as the enrollment page negotiated it' }),
    recipient: Type.Optional(Type.String({ description: 'The address the mail goes to, masked: its first character and its domain (`s***@example.nl`). Absent when the enrollment has no address any more' })),
    status: StringEnum(STATUSES),
    attempts: Type.Integer({ minimum: 0 }),
    attemptLimit: Type.Integer({ minimum: 1 }),
    nextAttemptAt: DateTime,
    lastError: Type.Optional(Type.String({ description: 'The last failure, as the mail server answered it (its code, no address)' })),
    createdAt: DateTime,
    updatedAt: DateTime,
    sentAt: Type.Optional(DateTime),
  },
  closed,
);
export const CustomerMailPage = PageOf(CustomerMailResponse);
export const CustomerMailQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(StringEnum(STATUSES, { description: 'Which mails; `dead` (the default) lists the dead letters' })) },
  closed,
);
export const CustomerMailParams = Type.Object({ instanceId: Cuid, mailId: Type.String({ pattern: '^mail_[0-9a-z_]{1,80}$' }) }, closed);
