import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/extension/ and test/integration/ may import vscode.' }],
      }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/extension/**/*.ts', 'test/integration/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The pure core: no SDK, not even its types (src/deploy still builds SDK request types).
    files: ['src/audit/**/*.ts', 'src/config/**/*.ts', 'src/hls/**/*.ts', 'src/live/**/*.ts', 'src/verify/**/*.ts', 'src/findings/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/extension/ and test/integration/ may import vscode.' }],
        patterns: [{ group: ['@aws-sdk/*', '@gomomento/*'], message: 'The pure core imports no SDK: declare the shapes it reads locally (see src/audit/channelShape.ts).' }],
      }],
    },
  },
);
