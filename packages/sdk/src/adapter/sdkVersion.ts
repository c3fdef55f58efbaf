/**
 * The version of the adapter contract this SDK implements. An adapter's manifest names the range it was
 * written for (`sdkVersion: '^0.1.0'`); the platform refuses to load an adapter whose range excludes this.
 * @example manifest.sdkVersion = `^${SDK_VERSION}`
 */
export const SDK_VERSION = '0.1.0';
