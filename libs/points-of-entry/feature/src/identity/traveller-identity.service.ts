import { Inject, Injectable } from '@nestjs/common';
import {
  crossingIdentityAad as associatedData,
  revealCrossingIdentity,
  seal,
  TRAVELLER_HASHER,
  type IdentityReading as GenericIdentityReading,
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
export type IdentityReading = GenericIdentityReading<IdentityDetails>;

export interface ProtectedIdentity {
  readonly travellerRef: string;
  readonly identity: SealedIdentity;
}

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
  reveal(crossing: CrossingRecordedData): Promise<IdentityReading> {
    return revealCrossingIdentity<IdentityDetails>(this.vault, crossing);
  }
}
