import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { compilerOptions } from './tsconfig.base.json';

/**
 * One Jest run for the whole repository so that one real Kafka broker (started by the global
 * setup) serves every suite that needs it. `nx test <project>` narrows it with a path.
 */
const config: Config = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{libs,services,tests}/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/libs/testing/src/kafka/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/kafka/jest-global-teardown.ts',
  setupFiles: ['<rootDir>/libs/testing/src/jest-setup-env.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
