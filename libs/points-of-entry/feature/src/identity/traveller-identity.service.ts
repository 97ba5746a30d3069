import { Inject, Injectable } from '@nestjs/common';
import {
  open,
  seal,
  SealTamperedError,
  TRAVELLER_HASHER,
  TRAVELLER_KEY_VAULT,
  type TravellerHasher,
  type TravellerKeyVault,
} from '@border-ledger/identity';
import type { CrossingRecordedData, DocumentType, SealedIdentity } from '@border-ledger/points-of-entry-domain';

/** Identity as the officer takes it at the post; it lives in memory only until sealed. */
export interface TravellerIdentityInput {
  readonly documentType: DocumentType;
  readonly documentNumber: string;
  /** Full name as on the document. */
  readonly name?: string;
  /** `YYYY-MM-DD`. */
  readonly documentExpiresOn?: string;
}

/** What a sealed identity holds once opened. */
export interface IdentityDetails {
  readonly documentType: DocumentType;
  readonly documentNumber: string;
  readonly name?: string;
  readonly dateOfBirth?: string;
  readonly documentExpiresOn?: string;
}

/** What a reader gets of a crossing's identity. */
export type IdentityReading =
  | { readonly status: 'none' }
  | { readonly status: 'readable'; readonly identity: IdentityDetails }
  /** The traveller's key was destroyed: crypto-shredded. */
  | { readonly status: 'erased' }
  /** The key is not in this node's vault (an event from elsewhere, or a lost vault), or the seal is broken. */
  | { readonly status: 'unavailable' };

export interface ProtectedIdentity {
  readonly travellerRef: string;
  readonly identity: SealedIdentity;
}

/** Binds a sealed identity to its crossing and traveller: copied onto another crossing, it won't open. */
const associatedData = (crossingId: string, travellerRef: string): string => `crossing-identity.v1:${crossingId}:${travellerRef}`;

/**
 * Turns the identity taken at the post into what may be stored: the traveller reference (keyed
 * hash) and the identity sealed under the traveller's own key from the vault.
 */
@Injectable()
export class TravellerIdentityService {
  constructor(
    @Inject(TRAVELLER_HASHER) private readonly hasher: TravellerHasher,
    @Inject(TRAVELLER_KEY_VAULT) private readonly vault: TravellerKeyVault,
  ) {}

  /** The traveller reference of a document, without sealing anything. */
  travellerRef(traveller: Pick<TravellerIdentityInput, 'documentType' | 'documentNumber'>, nationality: string): string {
    return this.hasher.ref({ type: traveller.documentType, number: traveller.documentNumber, nationality });
  }

  async protect(
    crossingId: string,
    nationality: string,
    traveller: TravellerIdentityInput,
    dateOfBirth: string | undefined,
  ): Promise<ProtectedIdentity> {
    const travellerRef = this.travellerRef(traveller, nationality);
    const key = await this.vault.keyFor(travellerRef);
    const details: IdentityDetails = {
      documentType: traveller.documentType,
      documentNumber: traveller.documentNumber.trim(),
      ...(traveller.name !== undefined ? { name: traveller.name.trim() } : {}),
      ...(dateOfBirth !== undefined ? { dateOfBirth } : {}),
      ...(traveller.documentExpiresOn !== undefined ? { documentExpiresOn: traveller.documentExpiresOn } : {}),
    };
    return { travellerRef, identity: seal(key, details, associatedData(crossingId, travellerRef)) };
  }

  /** Opens a crossing's identity where the key still exists. */
  async reveal(crossing: CrossingRecordedData): Promise<IdentityReading> {
    if (crossing.identity === undefined || crossing.travellerRef === undefined) return { status: 'none' };
    const lookup = await this.vault.find(crossing.identity.keyId);
    if (lookup.status === 'destroyed') return { status: 'erased' };
    if (lookup.status === 'unknown' || lookup.key.travellerRef !== crossing.travellerRef) return { status: 'unavailable' };
    try {
      const identity = open(lookup.key, crossing.identity, associatedData(crossing.crossingId, crossing.travellerRef));
      return { status: 'readable', identity: identity as IdentityDetails };
    } catch (error) {
      if (error instanceof SealTamperedError) return { status: 'unavailable' };
      throw error;
    }
  }
}
