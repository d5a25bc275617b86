// Lint holds the rules a review would otherwise have to catch: one clock, the layers, no cycles.
import js from '@eslint/js'
import stylistic from '@stylistic/eslint-plugin'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/** Reading the wall clock anywhere but src/clock.ts makes the bot wrong on some date or in a demo. */
const wallClock = [
  {
    selector: 'CallExpression[callee.object.name=\'Date\'][callee.property.name=\'now\']',
    message: 'Read the time from the injected Clock (src/clock.ts), not Date.now().',
  },
  {
    selector: 'NewExpression[callee.name=\'Date\'][arguments.length=0]',
    message: 'Read the time from the injected Clock (src/clock.ts), not new Date().',
  },
]

/** The content core knows nothing of Telegram, of the interface's words, or of the handlers. */
const coreBoundary = {
  patterns: [
    { group: ['**/telegram/*', '**/i18n/*', '**/handlers/*', 'telegraf', 'telegraf/*'], message: 'The content core (articles, summarize, search, digest) must not import Telegram, i18n or handler code: pass data out and render at the edge.' },
  ],
}

/** Handlers are wired by the composition root alone: the rest of src/ knows nothing of them, so no folder cycle comes back. */
const handlersBoundary = {
  patterns: [
    { group: ['**/handlers/*', '**/handlers'], message: 'Only src/main.ts (the composition root) imports handlers/: register them there with registerHandlers.' },
  ],
}

/**
 * The formatter: eslint-stylistic, fixed with `npm run format`. The house style is the one the code was
 * written in (no semicolons, single quotes, two spaces, trailing commas, `}` and `else` on their own lines).
 */
const style = stylistic.configs.customize({ semi: false, quotes: 'single', indent: 2, commaDangle: 'always-multiline', braceStyle: 'stroustrup', arrowParens: true, quoteProps: 'as-needed' })

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'tests/fixtures/lint/'] },
  {
    files: ['**/*.ts', '**/*.js'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    plugins: { 'import-x': importX, ...style.plugins },
    rules: {
      ...style.rules,
      // One-line guards and short arrow bodies read better kept on one line; long lines are held by max-len.
      '@stylistic/max-statements-per-line': 'off',
      '@stylistic/multiline-ternary': 'off',
      '@stylistic/operator-linebreak': 'off',
      '@stylistic/list-style': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      'import-x/no-cycle': 'error',
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  // Benchmark scripts print wide tables and JSON: a looser limit there.
  {
    files: ['bench/**/*.ts'],
    rules: { 'max-len': ['error', { code: 200, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }] },
  },
  {
    files: ['src/**/*.ts', 'handlers/**/*.ts'],
    ignores: ['src/clock.ts'],
    rules: { 'no-restricted-syntax': ['error', ...wallClock] },
  },
  // Before the content core's rule, which replaces it there (and forbids handlers/ too).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: { 'no-restricted-imports': ['error', handlersBoundary] },
  },
  {
    files: ['src/articles/**/*.ts', 'src/summarize/**/*.ts', 'src/search/**/*.ts', 'src/digest/**/*.ts', 'src/profiles/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreBoundary] },
  },
)
