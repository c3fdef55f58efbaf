import { FlexrollError, type FieldIssue } from '@flexroll/sdk';
import type { ApiKey, ApiKeyMode, ApiKeyPermission, ApiKeyType, KeyGrantor } from './ApiKey.js';

/**
 * What one API key may do to others, so that no key can make or unmake a stronger one:
 *
 * - it grants only permissions it holds itself, and only its own mode (a test key makes test keys);
 * - only a secret key makes or revokes a secret key;
 * - it revokes only keys it could have made (their permissions and mode are its own), and itself.
 *
 * The platform's operators (the `flexroll key` command) act without a key and are not bound by this.
 */
export function checkGrant(grantor: KeyGrantor, wanted: { readonly type: ApiKeyType; readonly mode: ApiKeyMode; readonly permissions: readonly ApiKeyPermission[] }): void {
  if (wanted.type === 'secret' && grantor.type !== 'secret') {
    throw forbidden('secret_key_required', 'Only a secret key can create a secret key.', [{ field: '/type', rule: 'secret_key_required', message: 'needs a secret key' }]);
  }
  if (wanted.mode !== grantor.mode) {
    throw forbidden('mode_not_held', `A ${grantor.mode} key can create only ${grantor.mode} keys.`, [
      { field: '/mode', rule: 'held_by_caller', message: `must be ${grantor.mode}, the mode of the key making it` },
    ]);
  }
  const missing = wanted.permissions.map((permission, index) => ({ permission, index })).filter(({ permission }) => !grantor.permissions.includes(permission));
  if (missing.length > 0) {
    throw forbidden(
      'permission_not_held',
      `This key cannot grant ${missing.map(({ permission }) => `'${permission}'`).join(', ')}: a key grants only permissions it holds itself.`,
      missing.map(({ permission, index }) => ({ field: `/permissions/${index}`, rule: 'held_by_caller', message: `${permission} is not held by the key making it` })),
    );
  }
}

/** Whether `revoker` may revoke `target`: itself, or a key it could have made. */
export function checkRevoke(revoker: KeyGrantor, target: ApiKey): void {
  if (revoker.id === target.id) return;
  if (target.type === 'secret' && revoker.type !== 'secret') {
    throw forbidden('secret_key_required', 'Only a secret key can revoke a secret key.', [{ field: '/path/keyId', rule: 'secret_key_required', message: 'names a secret key' }]);
  }
  const stronger = target.mode !== revoker.mode || target.permissions.some((permission) => !revoker.permissions.includes(permission));
  if (stronger) {
    throw forbidden('permission_not_held', 'This key cannot revoke a key holding permissions or a mode it does not hold itself.', [
      { field: '/path/keyId', rule: 'held_by_caller', message: 'names a key with permissions or a mode the caller lacks' },
    ]);
  }
}

function forbidden(code: string, message: string, details: readonly FieldIssue[]): FlexrollError {
  return new FlexrollError('forbidden', code, message, { details });
}
