/** Metadata keys whose values never reach a log: credentials, secrets and customers' personal data. */
export const REDACTED_KEYS = new Set([
  'authorization', 'secret', 'secrethash', 'password', 'token', 'apikey', 'config',
  'firstname', 'lastname', 'email', 'phone', 'address', 'body',
  // Members and sessions (issue 21): the cookie and its token, the CSRF token, passwords and their hashes.
  'cookie', 'set-cookie', 'x-csrf-token', 'csrftoken', 'currentpassword', 'newpassword', 'passwordhash', 'tokenhash', 'invitationtokenhash', 'invitationurl',
]);
// API keys, webhook secrets, and members' session (`frs_`) and invitation (`fri_`) tokens, wherever they turn up in a string.
const SECRET_PATTERN = /\b(fr_(live|test)_(sk|rk)_[A-Za-z0-9_-]+|whsec_[A-Za-z0-9+/=]+|fr[si]_[A-Za-z0-9_-]{20,})/g;

/** Replaces redacted keys' values and any key-shaped string, at any depth. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_PATTERN, '[REDACTED]');
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, REDACTED_KEYS.has(key.toLowerCase()) ? '[REDACTED]' : redact(item, depth + 1)]),
  );
}
