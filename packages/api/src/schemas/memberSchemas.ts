import { Type } from '@sinclair/typebox';
import { API_KEY_PERMISSIONS, MEMBER_ROLES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@flexroll/core';
import { closed, Cuid, DateTime, PrefixedId, StringEnum } from './common.js';

const Role = StringEnum(MEMBER_ROLES, { description: 'viewer: reads everything; reviewer: also moves enrollments and participations; admin: everything, members included' });
const NewPassword = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` });
const WorkspaceId = Type.String({ pattern: '^ws_[A-Za-z0-9_-]{1,64}$', description: 'e.g. ws_7c2f1a9e4b0d8f3a6e2c5d10' });

export const MemberView = Type.Object(
  {
    id: PrefixedId('mem'),
    email: Type.String(),
    role: Role,
    status: StringEnum(['invited', 'active'] as const, { description: '`invited` until the invitation is accepted' }),
    programInstanceIds: Type.Optional(Type.Array(Type.String(), { description: 'The program instances the member is limited to; absent: the whole workspace' })),
    createdAt: DateTime,
    passwordChangedAt: Type.Optional(DateTime),
  },
  closed,
);
export const MemberList = Type.Object({ data: Type.Array(MemberView) }, closed);

export const SessionView = Type.Object(
  {
    member: MemberView,
    workspaceId: Type.String(),
    role: Role,
    permissions: Type.Array(StringEnum(API_KEY_PERMISSIONS)),
    csrfToken: Type.String({ description: 'Send it as `X-CSRF-Token` with every write made with this session' }),
    expiresAt: Type.String({ format: 'date-time', description: 'When the session ends however busy it is' }),
    idleExpiresAt: Type.String({ format: 'date-time', description: 'When it ends if unused; each request (recorded to the minute) moves it on' }),
  },
  closed,
);

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    workspaceId: Type.Optional(WorkspaceId),
  },
  closed,
);
export const AcceptInvitationBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: NewPassword }, closed);
export const ChangePasswordBody = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }), newPassword: NewPassword }, closed);
const MemberScope = Type.Array(Cuid, {
  minItems: 1, maxItems: 100, uniqueItems: true,
  description: 'Limits the member to these program instances: anything of another instance answers as an unknown id would. Absent: the whole workspace.',
});
export const AddMemberBody = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), role: Role, programInstanceIds: Type.Optional(MemberScope) }, closed);
export const AddedMemberResponse = Type.Object(
  { member: MemberView, invitationUrl: Type.Optional(Type.String({ description: 'The one-time link that sets the password; shown once (absent on an idempotent replay)' })) },
  closed,
);
export const ChangeRoleBody = Type.Object(
  {
    role: Type.Optional(Role),
    programInstanceIds: Type.Optional(Type.Union([MemberScope, Type.Null()], { description: 'The member’s program instances; `null`: the whole workspace again; absent: unchanged' })),
  },
  { ...closed, minProperties: 1 },
);
