// ESLint flat config: `npx eslint .` (or `npm run lint`, which type-checks with tsc first).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const typeScriptSources = ['packages/*/src/**/*.ts', 'packages/console/src/**/*.tsx', 'plugins/*/src/**/*.ts', 'test/**/*.ts'];

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

/**
 * packages/core by capability: a capability is a folder of core/src with a façade (index.ts). A file reaches another
 * capability only through that one's façade (`../operators/index.js`), never a file behind it; the root (index.ts,
 * CoreModule.ts) composes through the façades too. testing/ (the conformance suite, not shipped) may reach anything.
 */
const coreSrc = path.join(import.meta.dirname, 'packages/core/src');
const coreCapabilities = new Set(readdirSync(coreSrc, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'testing' && existsSync(path.join(coreSrc, entry.name, 'index.ts')))
  .map((entry) => entry.name));
const capabilityOf = (file) => {
  const [head, ...rest] = file.split(path.sep);
  return rest.length > 0 && coreCapabilities.has(head) ? head : null;
};
const capabilityFacades = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      deep: "'{{specifier}}' reaches behind the {{target}} capability's façade: import from '{{facade}}' (add the name to {{target}}/index.ts if it is not there).",
      entry: "A capability does not import the package's root ('{{specifier}}'): import the capability that owns the name.",
    },
  },
  create(context) {
    const file = path.relative(coreSrc, context.filename);
    if (file.startsWith('..') || file.split(path.sep)[0] === 'testing') return {};
    const own = capabilityOf(file);
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = path.normalize(path.join(path.dirname(file), specifier));
      if (own !== null && !target.includes(path.sep) && !target.startsWith('..')) {
        context.report({ node: node.source, messageId: 'entry', data: { specifier } });
        return;
      }
      const capability = capabilityOf(target);
      if (capability === null || capability === own || target === path.join(capability, 'index.js')) return;
      const facade = path.relative(path.dirname(file), path.join(capability, 'index.js')).split(path.sep).join('/');
      context.report({ node: node.source, messageId: 'deep', data: { specifier, target: capability, facade: facade.startsWith('.') ? facade : `./${facade}` } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'AbortController', 'structuredClone', 'fetch'].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['**/dist/', 'packages/*/build/', 'plugins/*/build/', 'test/build/', '**/node_modules/', '.cache/', 'coverage/', '.nx/', 'tools/', 'packages/console/src/api/schema.d.ts']),
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
    // The console runs in a browser (packages/console/tsconfig.json gives it the DOM's types) and has no injected
    // logger and no settings: it is the only package that may use `console` and browser globals.
    files: ['packages/console/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/cli/**', 'packages/console/**'],
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
    files: ['packages/core/src/**/*.ts'],
    plugins: { core: { rules: { 'capability-facades': capabilityFacades } } },
    rules: { 'core/capability-facades': 'error' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'packages/console/scripts/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
);
