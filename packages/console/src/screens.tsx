import type { VNode } from 'preact';
import type { Place } from './lib/router';
import { en } from './messages/en';
import { Enrollment } from './screens/Enrollment';
import { Enrollments } from './screens/Enrollments';
import { Home } from './screens/Home';

/**
 * The signed-in screens: a path pattern, what it renders, and (for the main navigation) its label and the path the
 * link opens. To add a screen, write it under screens/ and add one entry here (see packages/console/README.md).
 * Sign-in and accept-invitation are not here: they are shown without a session (App.tsx).
 */
export interface ScreenEntry {
  /** `/enrollments/:enrollmentId`: `:name` parts become params. */
  readonly pattern: string;
  readonly render: (params: Record<string, string>, place: Place) => VNode;
  /** Shown in the main navigation when given; `section` is the first path segment the link stays current for. */
  readonly nav?: { readonly label: string; readonly path: string; readonly section: string };
}

export const SCREENS: readonly ScreenEntry[] = [
  { pattern: '/', render: () => <Home />, nav: { label: en.nav.home, path: '/', section: '' } },
  { pattern: '/enrollments', render: (_params, place) => <Enrollments place={place} />, nav: { label: en.nav.enrollments, path: '/enrollments', section: 'enrollments' } },
  { pattern: '/enrollments/:enrollmentId', render: (params) => <Enrollment enrollmentId={params.enrollmentId!} /> },
];
