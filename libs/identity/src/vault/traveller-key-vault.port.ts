import type { TravellerKey } from '../sealing/seal';

/** Injection token of the {@link TravellerKeyVault}. */
export const TRAVELLER_KEY_VAULT = Symbol('TRAVELLER_KEY_VAULT');

/** What the vault knows of a key id: the key, or that it was destroyed, or nothing. */
export type KeyLookup =
  | { readonly status: 'active'; readonly key: TravellerKey }
  | { readonly status: 'destroyed'; readonly destroyedAt: string }
  | { readonly status: 'unknown' };

/**
 * Per-traveller encryption keys, held outside the event log. Destroying a traveller's keys makes
 * every ciphertext sealed under them unreadable, wherever copies of the events went
 * (crypto-shredding). Adapters: SQLite in its own file; a KMS or HSM later.
 */
export interface TravellerKeyVault {
  /** The traveller's active key, created on first use (one active key per traveller). */
  keyFor(travellerRef: string): Promise<TravellerKey>;
  find(keyId: string): Promise<KeyLookup>;
  /** Ids of the traveller's keys not yet destroyed. */
  activeKeyIds(travellerRef: string): Promise<string[]>;
  /**
   * Destroys these keys of the traveller for good (idempotent: destroying twice is fine).
   * Returns the ids actually destroyed by this call.
   */
  destroy(travellerRef: string, keyIds: readonly string[]): Promise<string[]>;
  /** Readiness probe: throws when the vault cannot serve. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
