// ESLint (flat config): the recommended rules plus a few that catch real bugs. Layout is Prettier's job
// (.prettierrc.json), so no stylistic rule is turned on here. scripts/test's lint stage runs `npx eslint .`.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['build/', 'dist/', 'node_modules/', 'test-results/', 'bench/results/'],
  },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An unused binding is a leftover or a missed call. Arguments before a used one stay (callback shapes),
      // and a caught error may go unnamed or unused (`catch {}` says the failure is expected).
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `==` coerces; `== null` (null or undefined) is the one idiom allowed.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-implicit-globals': 'error',
      // `catch {}` is this codebase's way to say a failure is expected and harmless (best-effort cleanup).
      'no-empty': ['error', { allowEmptyCatch: true }],
      'prefer-const': ['error', { destructuring: 'all' }],
      'no-var': 'error',
      // A binding used before its declaration in the same scope throws (TDZ). Functions are hoisted, and a
      // function may name a module constant declared below it (it runs later), so only same-scope uses count.
      'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
      'no-shadow': ['error', { builtinGlobals: false, hoist: 'functions' }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'array-callback-return': 'error',
      'no-constructor-return': 'error',
      'no-throw-literal': 'error',
      'prefer-promise-reject-errors': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-return-assign': 'error',
      'no-useless-concat': 'error',
    },
  },
  {
    // The shipped app runs in Zendesk's iframes (and, for its tests, under jsdom or node).
    files: ['js-shim/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The sandbox's own pages (modules; the phone page is bundled by esbuild when served).
    files: ['sandbox/workspace/*.js', 'sandbox/phone/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Node: the sandbox servers, benches, scripts, tests and this file.
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // These fakes of ZAF's client.request reject with a plain response object ({status, responseText…}), as
    // the real SDK does, so they throw non-Error values on purpose.
    files: ['tests/js/helpers/fake-zaf.mjs', 'bench/api-economy.mjs'],
    rules: { 'no-throw-literal': 'off' },
  },
  {
    // Browser tests and benches hand functions to the page (page.evaluate): their bodies run in Chromium.
    files: ['tests/browser/**/*.mjs', 'bench/**/*.mjs', 'scripts/take-screenshots.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
