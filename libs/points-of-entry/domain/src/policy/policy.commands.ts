import type { ScreeningPolicy } from './policy.types';

/** Publishes a new version of a country's screening policy. */
export interface PublishScreeningPolicy {
  readonly kind: 'PublishScreeningPolicy';
  readonly policy: ScreeningPolicy;
}

export type ScreeningPolicyCommand = PublishScreeningPolicy;

export interface ScreeningPolicyContext {
  /** A node publishes the policies of its own country. */
  readonly nodeCountry: string;
}
