import type { ComponentChildren } from 'preact';
import { Link } from '../lib/Link';
import { can, type Permission, useSession } from '../lib/session';
import { en } from '../messages/en';
import type { ScreenEntry } from '../screens';

/**
 * Every signed-in screen's frame: a skip link to the content, the banner with the member and sign-out, the main
 * navigation, and the one `<main>` landmark. At 360 px the navigation wraps under the banner (styles.css).
 */
export function Layout({ screens, path, onShortcuts, children }: { readonly screens: readonly ScreenEntry[]; readonly path: string; readonly onShortcuts: () => void; readonly children: ComponentChildren }) {
  const { session, signOut } = useSession();
  const section = path.split('/')[1] ?? '';
  const mayUse = (anyOf: readonly Permission[] | undefined) => anyOf === undefined || anyOf.some((permission) => can(session, permission));
  return (
    <>
      <a class="skip-link" href="#main">{en.app.skipToContent}</a>
      <header class="banner">
        <Link to="/" class="brand">{en.app.title}</Link>
        <p class="who">{en.app.signedInAs(session.member.email, session.role)}</p>
        <button type="button" class="link-button" onClick={onShortcuts} aria-keyshortcuts="?">{en.nav.shortcuts}</button>
        <button type="button" onClick={() => void signOut()}>{en.app.signOut}</button>
      </header>
      <nav class="main-nav" aria-label={en.app.mainNavigation}>
        <ul>
          {screens.flatMap((screen) => screen.nav === undefined || !mayUse(screen.nav.anyOf) ? [] : [
            <li key={screen.pattern}>
              <Link to={screen.nav.path} current={screen.nav.section === section}>{screen.nav.label}</Link>
            </li>,
          ])}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}

/** The frame of the screens shown without a session (sign-in, accept-invitation). */
export function PublicLayout({ children }: { readonly children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">{en.app.skipToContent}</a>
      <header class="banner">
        <span class="brand">{en.app.title}</span>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
