export { openPlatform, type Platform, type PlatformOptions } from './composition/openPlatform.js';
export { bootstrapDemo, type DemoCredentials } from './composition/bootstrapDemo.js';
