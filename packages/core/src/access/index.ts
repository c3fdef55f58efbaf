/** The access capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { API_KEY_PERMISSIONS, type ApiKey, type ApiKeyMode, type ApiKeyPermission, type ApiKeyType, type IssuedApiKey, type KeyGrantor } from './ApiKey.js';
export { ApiKeyService, type CreateApiKeyInput, hashSecret } from './ApiKeyService.js';
export type { ApiKeyRepository } from './ports/ApiKeyRepository.js';
export type { WorkspaceRepository } from './ports/WorkspaceRepository.js';
export type { Workspace } from './Workspace.js';
export { WorkspaceService } from './WorkspaceService.js';
export { accessModule } from './accessModule.js';
export { MEMBER_ROLES, type Member, type MemberRecord, type MemberRole, memberOf } from './Member.js';
export { type AddedMember, type MemberChange, type MemberGrantor, MemberService } from './MemberService.js';
export { checkMemberGrant } from './memberGrants.js';
export { PASSWORD_HASH_PARAMETERS, PasswordHasher } from './PasswordHasher.js';
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, checkPassword } from './passwordRules.js';
export { permissionsOfRole } from './roles.js';
export { csrfTokenOf } from './secretTokens.js';
export type { Session } from './Session.js';
export { type ActiveSession, type OpenedSession, SessionService } from './SessionService.js';
export type { MemberRepository } from './ports/MemberRepository.js';
export type { SessionRepository } from './ports/SessionRepository.js';
export { SessionExpiry } from './SessionExpiry.js';
