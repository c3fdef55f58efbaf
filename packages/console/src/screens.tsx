import type { VNode } from 'preact';
import type { Place } from './lib/router';
import type { Permission } from './lib/session';
import { en } from './messages/en';
import { Enrollment } from './screens/Enrollment';
import { EnrollmentPage } from './screens/EnrollmentPage';
import { Enrollments } from './screens/Enrollments';
import { Home } from './screens/Home';
import { Access } from './screens/Access';
import { Imports } from './screens/Imports';
import { Operators } from './screens/Operators';
import { ProgramInstance } from './screens/ProgramInstance';
import { ProgramInstances } from './screens/ProgramInstances';
import { WebhookEndpoint } from './screens/WebhookEndpoint';
import { Webhooks } from './screens/Webhooks';

/**
 * The signed-in screens: a path pattern, what it renders, and (for the main navigation) its label and the path the
 * link opens. To add a screen, write it under screens/ and add one entry here (see packages/console/README.md).
 * Sign-in and accept-invitation are not here: they are shown without a session (App.tsx).
 */
export interface ScreenEntry {
  /** `/enrollments/:enrollmentId`: `:name` parts become params. */
  readonly pattern: string;
  readonly render: (params: Record<string, string>, place: Place) => VNode;
  /**
   * Shown in the main navigation when given; `section` is the first path segment the link stays current for. With
   * `anyOf`, only to a member holding one of those permissions: a link to a screen it cannot use is noise (the screen
   * itself still says so if opened by its address).
   */
  readonly nav?: { readonly label: string; readonly path: string; readonly section: string; readonly anyOf?: readonly Permission[] };
}

export const SCREENS: readonly ScreenEntry[] = [
  { pattern: '/', render: () => <Home />, nav: { label: en.nav.home, path: '/', section: '' } },
  { pattern: '/enrollments', render: (_params, place) => <Enrollments place={place} />, nav: { label: en.nav.enrollments, path: '/enrollments', section: 'enrollments' } },
  { pattern: '/enrollments/:enrollmentId', render: (params) => <Enrollment enrollmentId={params.enrollmentId!} /> },
  { pattern: '/imports', render: (_params, place) => <Imports place={place} />, nav: { label: en.adminNav.imports, path: '/imports', section: 'imports', anyOf: ['enrollments:write'] } },
  { pattern: '/program-instances', render: () => <ProgramInstances />, nav: { label: en.adminNav.instances, path: '/program-instances', section: 'program-instances' } },
  { pattern: '/program-instances/:instanceId', render: (params) => <ProgramInstance instanceId={params.instanceId!} /> },
  { pattern: '/program-instances/:instanceId/enrollment-page', render: (params) => <EnrollmentPage instanceId={params.instanceId!} /> },
  { pattern: '/webhooks', render: () => <Webhooks />, nav: { label: en.adminNav.webhooks, path: '/webhooks', section: 'webhooks', anyOf: ['webhooks:manage'] } },
  { pattern: '/webhooks/:endpointId', render: (params, place) => <WebhookEndpoint endpointId={params.endpointId!} place={place} /> },
  { pattern: '/operators', render: (_params, place) => <Operators place={place} />, nav: { label: en.adminNav.operators, path: '/operators', section: 'operators', anyOf: ['program_instances:write'] } },
  { pattern: '/access', render: () => <Access />, nav: { label: en.adminNav.access, path: '/access', section: 'access', anyOf: ['members:manage', 'api_keys:manage'] } },
];
