// Lint holds the rules a review would otherwise have to catch: one clock, and (below) the layers.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Reading the wall clock anywhere but src/clock.ts makes the bot wrong on some date or in a demo. */
const wallClock = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Read the time from the injected Clock (src/clock.ts), not Date.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Read the time from the injected Clock (src/clock.ts), not new Date().',
  },
]

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'tests/fixtures/lint/'] },
  {
    files: ['**/*.ts', '**/*.js'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'handlers/**/*.ts'],
    ignores: ['src/clock.ts'],
    rules: { 'no-restricted-syntax': ['error', ...wallClock] },
  },
)
