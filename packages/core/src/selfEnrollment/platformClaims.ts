/**
 * The claims that belong to no workspace: a page's slug and a status link's hash are unique across the platform,
 * because the public pages that look them up name no workspace. No workspace id starts `platform:` (they start `ws_`).
 */
export const PLATFORM_CLAIMS = 'platform:self-enrollment';
