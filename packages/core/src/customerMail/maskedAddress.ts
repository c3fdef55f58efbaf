/**
 * A customer's e-mail address as an operator's list of failed mails shows it: the first character of the local part
 * and the whole domain (`s***@example.nl`). The domain is what a failure is usually about (a typo in it, a server
 * that refuses); the rest is masked, since the list needs no more (the enrollment, read with its own permission,
 * has the address).
 */
export function maskedAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
