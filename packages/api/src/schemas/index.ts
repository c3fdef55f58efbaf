export * from './common.js';
export * from './enrollmentSchemas.js';
export * from './otherSchemas.js';
export * from './participationSchemas.js';
export * from './programSchemas.js';
export * from './operatorSchemas.js';
export * from './jobSchemas.js';
export * from './webhookSchemas.js';
