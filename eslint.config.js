// Lint: TypeScript rules, React hooks, and the architecture's import boundaries (shared/docs/style.md).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noTensorflow = {
  group: ['@tensorflow/*'],
  message: "Only the engine's worker side (src/engine/worker, model, render, photo) and bench/ import TensorFlow.js.",
};
const noReact = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand/react'],
  message: 'src/ and bench/ never import React.',
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'training', 'test-results', 'playwright-report', 'public', 'scripts'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.worker } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union, not an enum.' },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [noTensorflow] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [noTensorflow, noReact],
        },
      ],
    },
  },
  {
    // The engine's worker side (worker/, model/, render/, photo/), and the benchmark page that times the engine's own
    // modules, are where TensorFlow.js is allowed.
    files: ['src/engine/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noReact] }] },
  },
  {
    // The engine's page side: the client and the vocabulary both sides share (protocol.ts, inbound.ts) run on the
    // page's thread, so no TensorFlow.js there (src/boundaries.test.ts checks the same, and the arrows between sides).
    files: ['src/engine/*.ts', 'src/engine/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...noTensorflow, message: "The engine's page side (client/, protocol.ts) never imports TensorFlow.js." },
            noReact,
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['e2e/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
