// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, without type-aware
// rules (a full type-aware pass costs minutes on a small machine; `tsc --noEmit` already runs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'tmp/**', 'data/**', 'node_modules/**', 'src/web/dist/**', 'src/web/src/api/schema.d.ts', 'test/e2e/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Tool configurations that must be CommonJS (.dependency-cruiser.cjs).
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter a signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
