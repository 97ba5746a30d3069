// Lint is here for architecture first: Nx module boundaries keep the domain free of
// infrastructure, and kafkajs confined to its one adapter folder.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const INFRASTRUCTURE = ['@nestjs/*', 'kafkajs', 'better-sqlite3', '@eventstore/*', 'express', 'prom-client', 'class-validator', 'class-transformer', '@grpc/*'];

const constraints = (extra) => [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', ...extra], bannedExternalImports: INFRASTRUCTURE },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', ...extra] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', ...extra] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:infra', 'type:domain', ...extra] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['*'] },
];
const boundaries = (extra) => [
  'error',
  { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints: constraints(extra) },
];

module.exports = [
  { ignores: ['node_modules/**', 'dist/**', 'tmp/**', 'coverage/**', 'data/**', '.nx/**', '**/*.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    // Specs and their helpers may use the shared test harness (test apps, broker, service processes).
    files: ['**/*.spec.ts', '**/*.test-app.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(['type:testing']) },
  },
  {
    // kafkajs is frozen upstream: only its adapter folder may import it (tests may, to attack the wire).
    files: ['**/*.ts'],
    ignores: ['libs/kafka/src/kafkajs/**', '**/*.spec.ts', 'tests/**', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['kafkajs'], patterns: ['kafkajs/*'] }] },
  },
  {
    // @eventstore/db-client likewise: only the EventStoreDB adapter folder (and its emulator tests).
    files: ['**/*.ts'],
    ignores: ['libs/event-store/src/eventstoredb/**', '**/*.spec.ts', 'tests/**', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@eventstore/*'] }] },
  },
];
