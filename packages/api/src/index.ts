export { createApp, type AppOptions } from './createApp.js';
export { createLogger, redact, type Logger, type LoggerOptions } from './logging/createLogger.js';
export { buildOpenApiDocument } from './openapi/buildOpenApiDocument.js';
export { buildAsyncApiDocument } from './asyncapi/buildAsyncApiDocument.js';
export { ALL_ROUTES } from './routes/allRoutes.js';
export type { RouteDefinition, RoutePermission, RouteRequest, RouteResult } from './routes/RouteDefinition.js';
export type { ApiServices } from './routes/ApiServices.js';
export { ApiError } from './http/ApiError.js';
export * as schemas from './schemas/index.js';
