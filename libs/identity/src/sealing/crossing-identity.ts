import type { TravellerKeyVault } from '../vault/traveller-key-vault.port';
import { open, SealTamperedError, type SealedPayload } from './seal';

/** Binds a sealed identity to its crossing and traveller: copied onto another crossing, it won't open. */
export const crossingIdentityAad = (crossingId: string, travellerRef: string): string => `crossing-identity.v1:${crossingId}:${travellerRef}`;

/** What a reader gets of a crossing's sealed identity. */
export type IdentityReading<T> =
  | { readonly status: 'none' }
  | { readonly status: 'readable'; readonly identity: T }
  /** The traveller's key was destroyed: crypto-shredded. */
  | { readonly status: 'erased' }
  /** The key is not in this node's vault (an event from elsewhere, or a lost vault), or the seal is broken. */
  | { readonly status: 'unavailable' };

/** The parts of a crossing that carry its identity. */
export interface SealedCrossingIdentity {
  readonly crossingId: string;
  readonly travellerRef?: string;
  readonly identity?: SealedPayload;
}

/**
 * Opens a crossing's identity where the key still exists. The caller states the shape it expects
 * (`T`); the seal guarantees it is what this node sealed for that crossing.
 */
export async function revealCrossingIdentity<T>(vault: TravellerKeyVault, crossing: SealedCrossingIdentity): Promise<IdentityReading<T>> {
  if (crossing.identity === undefined || crossing.travellerRef === undefined) return { status: 'none' };
  const lookup = await vault.find(crossing.identity.keyId);
  if (lookup.status === 'destroyed') return { status: 'erased' };
  if (lookup.status === 'unknown' || lookup.key.travellerRef !== crossing.travellerRef) return { status: 'unavailable' };
  try {
    return { status: 'readable', identity: open(lookup.key, crossing.identity, crossingIdentityAad(crossing.crossingId, crossing.travellerRef)) as T };
  } catch (error) {
    if (error instanceof SealTamperedError) return { status: 'unavailable' };
    throw error;
  }
}
