import { expect } from 'chai';
import { redact } from './redact.js';

describe('redact', () => {
  it('hides members’ cookies, CSRF tokens, passwords and e-mails by key, and session and invitation tokens anywhere in a string', () => {
    const token = `frs_${'A'.repeat(43)}`;
    const invitation = `fri_${'b'.repeat(43)}`;
    const redacted = redact({
      cookie: `flexroll_session=${token}`, 'x-csrf-token': 'abc', currentPassword: 'p', newPassword: 'q', email: 'pat@example.com',
      note: `link …/console/accept-invitation#token=${invitation} and ${token}`,
    });
    expect(redacted).to.deep.equal({
      cookie: '[REDACTED]', 'x-csrf-token': '[REDACTED]', currentPassword: '[REDACTED]', newPassword: '[REDACTED]', email: '[REDACTED]',
      note: 'link …/console/accept-invitation#token=[REDACTED] and [REDACTED]',
    });
  });
});
