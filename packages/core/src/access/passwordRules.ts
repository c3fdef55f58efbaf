import { InputError } from '@flexroll/sdk';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing one is not a way to spend the server's time. */
export const PASSWORD_MAX_LENGTH = 256;

/** Refuses a password outside the length rules (counted in characters, as a person counts them), naming the field. */
export function checkPassword(password: string, field: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) throw new InputError(`The password needs at least ${PASSWORD_MIN_LENGTH} characters.`, [{ field, rule: 'minLength', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }]);
  if (length > PASSWORD_MAX_LENGTH) throw new InputError(`The password may have at most ${PASSWORD_MAX_LENGTH} characters.`, [{ field, rule: 'maxLength', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }]);
}
