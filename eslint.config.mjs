// Lint: TypeScript + React hooks, and the one-way import rule of the design card
// (pages → features → shared; shared imports neither; features do not import pages nor each other: what two
// features share lives in shared/, and pages compose features).
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The cloud function folders: keep in step with cloudfunctions/functions.ts. */
export const FUNCTION_FOLDERS = ['resident', 'staff', 'reports', 'calendar'];
const SERVER_ONLY = { group: ['**/scripts/*', '**/miniprogram/*', '**/localcloud/*', '**/appserver/*', '**/content-compiler/*'], message: 'cloud functions must not import scripts, local tools or the mini-program' };

const layer = (from, banned, message) => ({
  files: [`miniprogram/src/${from}/**/*.{ts,tsx}`],
  rules: { 'no-restricted-imports': ['error', { patterns: banned.map((group) => ({ group: [group], message })) }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.artifacts/**', 'coverage/**', '**/*.js', '!eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    files: ['miniprogram/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  layer('shared', ['@/features/*', '@/pages/*', '@/packages/*', '../features/*', '../pages/*'], 'shared/ must not import features or pages'),
  layer('features', ['@/pages/*', '@/packages/*'], 'features/ must not import pages'),
  ...fs
    .readdirSync(new URL('./miniprogram/src/features', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({
      files: [`miniprogram/src/features/${d.name}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: ['@/pages/*', '@/packages/*'], message: 'features/ must not import pages' },
              { regex: `^(@/features/(?!${d.name}/)|\\.\\./[^.])`, message: `features/${d.name} must not import another feature: move what two features share into shared/, and let the page compose them` },
            ],
          },
        ],
      },
    })),
  {
    files: ['cloudfunctions/**/*.ts'],
    ignores: ['cloudfunctions/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_ONLY] }] },
  },
  // Each function folder is a deployment unit: what two functions share lives in cloudfunctions/shared/.
  ...FUNCTION_FOLDERS.map((fn) => ({
    files: [`cloudfunctions/${fn}/**/*.ts`],
    ignores: ['cloudfunctions/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_ONLY,
            { group: FUNCTION_FOLDERS.filter((other) => other !== fn).flatMap((other) => [`../${other}/*`, `**/cloudfunctions/${other}/*`]), message: `cloudfunctions/${fn}/ must not import another function's folder: move what they share to cloudfunctions/shared/` },
          ],
        },
      ],
    },
  })),
  {
    files: ['cloudfunctions/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../shared/*', '**/scripts/*'], message: 'contracts are imported by the client: keep them free of server code' }] }] },
  },
);
