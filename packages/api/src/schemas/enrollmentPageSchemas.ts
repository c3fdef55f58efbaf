import { Type } from '@sinclair/typebox';
import { ENROLLMENT_PAGE_SCHEMA } from '@flexroll/core';
import { DateTime } from './common.js';

/** `PUT /programInstances/{id}/enrollment-page`'s body: the page's settings, saved as a whole (core's schema). */
export const EnrollmentPageBody = ENROLLMENT_PAGE_SCHEMA;

/** The page as saved, with when. */
export const EnrollmentPageResponse = Type.Object(
  { ...ENROLLMENT_PAGE_SCHEMA.properties, updatedAt: DateTime, url: Type.String({ description: 'The page’s path, /enroll/{slug}' }) },
  { additionalProperties: false },
);

/** A new status link: its path on this deployment (prefix it with the address customers reach it at). Absent on an idempotent replay. */
export const StatusLinkResponse = Type.Object(
  { path: Type.Optional(Type.String({ pattern: '^/status/[A-Za-z0-9_-]{43}$', description: 'The customer’s status page, /status/{token}: shown once, stored hashed' })) },
  { additionalProperties: false },
);
