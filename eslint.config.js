// ESLint flat config: `npx eslint .` (or `npm run lint`, which type-checks with tsc first).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const typeScriptSources = ['packages/*/src/**/*.ts', 'plugins/*/src/**/*.ts', 'test/**/*.ts'];

/** One public entry per package: no `@flexroll/x/src/…`, `…/dist/…` or `…/build/…`, no climbing into another package. */
const deepImportPatterns = [
  {
    group: ['@flexroll/*/src', '@flexroll/*/src/**', '@flexroll/*/dist', '@flexroll/*/dist/**', '@flexroll/*/build', '@flexroll/*/build/**'],
    message: 'Import the package by its name (@flexroll/x): deep imports bypass its public entry.',
  },
  {
    regex: String.raw`^(\.\./)+(packages|plugins)/|^(\.\./){2,}[^./][^/]*/(src|dist|build)(/|$)`,
    message: "Relative import into another package's src/dist: import the package by its name (@flexroll/x).",
  },
];

/** Plugins build on the SDK only. */
const pluginOnlySdkPattern = {
  group: ['@flexroll/core', '@flexroll/api', '@flexroll/store-*', '@flexroll/cli'],
  message: 'Plugins depend on @flexroll/sdk only.',
};

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'AbortController', 'structuredClone', 'fetch'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['**/dist/', 'packages/*/build/', 'plugins/*/build/', 'test/build/', '**/node_modules/', '.cache/', 'coverage/', '.nx/', 'tools/']),
  {
    files: typeScriptSources,
    // Type-aware: a promise nobody awaits or handles, an await of something that is not a promise, an unsafe `any`
    // flowing into typed code, are bugs the compiler alone lets through.
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-restricted-imports': ['error', { patterns: deepImportPatterns }],
      '@typescript-eslint/no-floating-promises': 'error',
      // An async method that does not await still keeps its promise contract (a port implemented in memory, a stub
      // that throws): flagging it only pushes code towards hand-made Promise.resolve calls.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore names what is deliberately unused (an omitted field, an express error handler's next).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Black-box tests read arbitrary JSON bodies; typing every response would only restate the OpenAPI schemas they
    // are checked against (every response is, by ContractRecorder). So `any` and its unsafe uses are allowed there;
    // the promise and await rules still apply.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['plugins/*/src/**/*.ts'],
    rules: {
      // Replaces the rule's options above (flat config does not merge them), so the deep-import patterns repeat.
      'no-restricted-imports': ['error', { patterns: [...deepImportPatterns, pluginOnlySdkPattern] }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/cli/**'],
    rules: {
      'no-console': 'error', // libraries log through the injected logger
    },
  },
  {
    // Settings are declared once (packages/cli/src/settings/settingsSchema.ts) and read from the environment in one
    // place; tests and their helpers may read it freely.
    files: ['packages/*/src/**/*.ts', 'plugins/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', '**/test-support/**', '**/specs/**', 'packages/cli/src/settings/readSettings.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Declare the setting in packages/cli/src/settings/settingsSchema.ts and take it from readSettings().' }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
);
