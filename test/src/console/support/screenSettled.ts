import type { Page } from 'playwright-core';

/**
 * Waits until no section of the screen still says "Loading…". A screen's heading shows with its first read; its other
 * sections read on their own after it, so a check of the whole page (its width, axe, a screenshot) waits for them.
 */
export async function screenSettled(page: Page): Promise<void> {
  await page.getByRole('main').getByRole('status').filter({ hasText: 'Loading…' }).first().waitFor({ state: 'detached' });
}
