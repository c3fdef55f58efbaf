export { openPlatform, type Platform, type PlatformOptions } from './composition/openPlatform.js';
export { bootstrapDemo, type DemoCredentials } from './composition/bootstrapDemo.js';
export { createAdapterScaffold, scaffoldNextSteps, type ScaffoldOptions } from './scaffold/createAdapterScaffold.js';
export { ADAPTER_TEMPLATES } from './scaffold/adapterTemplates.js';
export { DEFAULT_SERVER_SETTINGS, readServerSettings, type ServerSettings } from './settings/serverSettings.js';
export { readSettings } from './settings/readSettings.js';
export type { Settings } from './settings/settingsSchema.js';
