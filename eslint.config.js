import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const engines = ['packet', 'flow', 'proto', 'rules', 'detect', 'logs', 'metrics', 'anomaly', 'audit'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No export *: name what a module exports.' },
        { selector: 'ExportDefaultDeclaration', message: 'No default exports.' },
      ],
    },
  },
  { files: ['eslint.config.js', 'vitest.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  ...engines.map((e) => ({
    files: [`src/${e}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**', '**/server/**', '**/store/**', '**/agent/**'], message: 'Engines never import cli, server, store or agent.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'core imports nothing.' }] }] },
  },
);
