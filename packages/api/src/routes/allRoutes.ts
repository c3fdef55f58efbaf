import { customerMailRoutes } from './customerMailRoutes.js';
import { deadlineRoutes } from './deadlineRoutes.js';
import { enrollmentRoutes } from './enrollmentRoutes.js';
import { enrollmentPageRoutes } from './enrollmentPageRoutes.js';
import { jobRoutes } from './jobRoutes.js';
import { memberRoutes } from './memberRoutes.js';
import { operatorEventRoutes } from './operatorEventRoutes.js';
import { operatorAdapterRoutes } from './operatorAdapterRoutes.js';
import { participationRoutes } from './participationRoutes.js';
import { programRoutes } from './programRoutes.js';
import type { RouteDefinition } from './RouteDefinition.js';
import { rulesDryRunRoutes } from './rulesDryRunRoutes.js';
import { summaryRoutes } from './summaryRoutes.js';
import { workspaceRoutes } from './workspaceRoutes.js';
import { webhookRoutes } from './webhookRoutes.js';

/** Every route of the API, in the order the OpenAPI document lists them. */
export const ALL_ROUTES: readonly RouteDefinition[] = [...programRoutes, ...enrollmentPageRoutes, ...customerMailRoutes, ...rulesDryRunRoutes, ...summaryRoutes, ...enrollmentRoutes, ...participationRoutes, ...deadlineRoutes, ...operatorEventRoutes, ...operatorAdapterRoutes, ...jobRoutes, ...workspaceRoutes, ...memberRoutes, ...webhookRoutes];
