import type { Page } from 'playwright-core';

/** Signs in through the console's sign-in page, as a person does, and waits for Home. */
export async function signIn(page: Page, base: string, member: { readonly email: string; readonly password: string }): Promise<void> {
  await page.goto(`${base}/console/sign-in`);
  await page.getByLabel('E-mail address').fill(member.email);
  await page.getByLabel('Password', { exact: true }).fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
}
