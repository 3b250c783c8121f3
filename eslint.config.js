// Lint: ESLint's and typescript-eslint's recommended rules (syntax-only, no
// type information, so it stays fast on two cores), plus the project's own
// conventions. Formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cli/',
      'public/',
      'eval/cache/',
      'eval/results/',
      'bench/results/',
      'demo/public/generated/',
      'test/.tmp/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        // Browser, worker and Node globals are all in play; TypeScript checks which exist where.
        console: 'readonly',
        process: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      // TypeScript already reports undefined names, with the right lib per file.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // One way to keep a member private: ECMAScript '#', which holds at run time too.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(PropertyDefinition, MethodDefinition[kind!="constructor"], TSParameterProperty, AccessorProperty)[accessibility="private"]',
          message: "Use an ECMAScript '#' private member instead of TypeScript's 'private'.",
        },
      ],
    },
  },
  {
    // Product code: functions a newcomer reads in one screen.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);
