import { assertNever, RuleViolation } from '../shared/rule-violation';

/** Why a traveller's identity is erased. Free text stays out: the audit event holds no personal data. */
export const ERASURE_REASONS = [
  'data-subject-request',
  'retention-period-ended',
  'recorded-in-error',
  'court-order',
  'other',
] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * Audit of a crypto-shredding: which keys were destroyed, why, under which legal basis, at whose
 * request (an officer or case identifier, not a name). No personal data of the traveller.
 */
export interface TravellerIdentityErasedData {
  readonly travellerRef: string;
  readonly keyIds: readonly string[];
  readonly reason: ErasureReason;
  /** The legal provision relied on, e.g. `TH PDPA 2019 s.33`. */
  readonly legalBasis: string;
  readonly requestedBy: string;
}

export const TRAVELLER_IDENTITY_ERASED = 'points-of-entry.traveller-identity-erased.v1';

export type TravellerEvent = { readonly type: typeof TRAVELLER_IDENTITY_ERASED; readonly data: TravellerIdentityErasedData };

export interface EraseTravellerIdentity {
  readonly kind: 'EraseTravellerIdentity';
  readonly travellerRef: string;
  readonly reason: ErasureReason;
  readonly legalBasis: string;
  readonly requestedBy: string;
}

export type TravellerCommand = EraseTravellerIdentity;

/** What the decision needs: the traveller's keys still held in the vault. */
export interface TravellerContext {
  readonly activeKeyIds: readonly string[];
}

export type TravellerState =
  | { readonly status: 'none' }
  | { readonly status: 'erased'; readonly erasures: number; readonly keyIds: readonly string[] };

export const initialTravellerState: TravellerState = { status: 'none' };

/** Stream of one traveller's identity audit. */
export const travellerStream = (travellerRef: string): string => `traveller-${travellerRef}`;

export function decideTraveller(command: TravellerCommand, state: TravellerState, context: TravellerContext): TravellerEvent[] {
  switch (command.kind) {
    case 'EraseTravellerIdentity':
      if (!/^[0-9a-f]{64}$/.test(command.travellerRef)) {
        throw new RuleViolation('traveller-ref-malformed', 'A traveller reference is 64 hex characters');
      }
      if (command.legalBasis.trim().length === 0) throw new RuleViolation('legal-basis-missing', 'Name the legal basis');
      // A first request is recorded even when nothing is held: the answer to the traveller is auditable.
      if (state.status === 'erased' && context.activeKeyIds.length === 0) {
        throw new RuleViolation('identity-already-erased', 'Nothing of this traveller is held since the last erasure');
      }
      return [
        {
          type: TRAVELLER_IDENTITY_ERASED,
          data: {
            travellerRef: command.travellerRef,
            keyIds: [...context.activeKeyIds],
            reason: command.reason,
            legalBasis: command.legalBasis,
            requestedBy: command.requestedBy,
          },
        },
      ];
    default:
      return assertNever(command.kind);
  }
}

export function evolveTraveller(state: TravellerState, event: TravellerEvent): TravellerState {
  switch (event.type) {
    case TRAVELLER_IDENTITY_ERASED:
      return {
        status: 'erased',
        erasures: (state.status === 'erased' ? state.erasures : 0) + 1,
        keyIds: [...(state.status === 'erased' ? state.keyIds : []), ...event.data.keyIds],
      };
    default:
      return assertNever(event.type);
  }
}
