// Lint rules: typescript-eslint's recommended set, plus the house rule that only query files
// (and the database/migration/seed layer) touch the database handle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', '.artifacts/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/server/features/**/*.ts'],
    ignores: ['src/server/features/**/queries.ts', 'src/server/features/**/*-queries.ts', 'src/server/features/**/*.test.ts', 'src/server/features/**/load-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kysely', message: 'SQL lives in queries.ts files only.' }], patterns: [{ group: ['pg', '@electric-sql/*'], message: 'SQL lives in queries.ts files only.' }] },
      ],
    },
  },
);
