// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import zones (DESIGN §2): renderer → shared, electron/core → shared, electron/main → shared,
 * shared → nothing environment-specific. Each zone lists what it must not import.
 */
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'net',
  'url',
];
const zone = (files, patterns, message, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'tests/artifacts/', 'bench/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Config files are loaded by their tools, which want default exports.
    files: [
      '*.config.{ts,js}',
      'electron.vite.config.ts',
      'central/vite.config.ts',
      'central/console/vite.config.ts',
      '{tests/e2e,bench}/vitest.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The hub's administrator console: browser code, served by the hub, talking only to its API.
    files: ['central/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  zone(
    ['shared/**/*.ts'],
    [
      ...nodeBuiltins,
      'electron',
      'electron/*',
      'react',
      'react-dom',
      'better-sqlite3-multiple-ciphers',
      '**/renderer/**',
      '**/electron/**',
    ],
    'shared/ is pure: no Node, DOM, Electron or React, and nothing from other areas.',
    ['shared/**/*.test.ts'],
  ),
  zone(
    ['renderer/**/*.{ts,tsx}'],
    [
      ...nodeBuiltins,
      'electron',
      'electron/*',
      'better-sqlite3-multiple-ciphers',
      '**/electron/**',
    ],
    'The renderer reaches the engine only through the typed client of shared/api.',
  ),
  zone(
    ['electron/core/**/*.ts', 'electron/web.ts'],
    ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'],
    'electron/core is plain Node: no electron import, no shell code.',
  ),
  zone(
    ['central/**/*.ts'],
    [
      'electron',
      'electron/*',
      '**/renderer/**',
      '**/electron/**',
      'better-sqlite3-multiple-ciphers',
    ],
    'The hub depends on shared/ only: terminals reach it through its documented HTTP API.',
  ),
  {
    // The console is a browser page: shared/ and browser libraries only, never the hub's own code
    // (central/src), Node, Electron, the engine or the desktop renderer. It reaches the hub through
    // the documented HTTP API, like any other client.
    files: ['central/console/**/*.{ts,tsx}'],
    ignores: ['central/console/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                'electron',
                'electron/*',
                'better-sqlite3-multiple-ciphers',
                'fastify',
                '@fastify/*',
                'pino',
                'pg',
                '@electric-sql/*',
                '@node-rs/*',
                'node-llama-cpp',
                'commander',
                'ws',
                '**/renderer/**',
                '**/electron/**',
                '**/central/src/**',
              ],
              message:
                'The console may import only shared/ and browser libraries: it talks to the hub through its HTTP API.',
            },
            {
              // A relative way out of central/console into central/src.
              regex: '^(\\.\\./){2,}src(/|$)',
              message: 'The console does not import the hub (central/src): use its HTTP API.',
            },
          ],
        },
      ],
    },
  },
  zone(
    ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ['**/renderer/**', '**/core/**', 'better-sqlite3-multiple-ciphers'],
    'The shells start the engine; they do not import it.',
  ),
);
