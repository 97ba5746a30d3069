import { ruleOf } from '../shared/decider.spec-helpers';
import {
  decideTraveller,
  evolveTraveller,
  initialTravellerState,
  TRAVELLER_IDENTITY_ERASED,
  type EraseTravellerIdentity,
  type TravellerEvent,
  type TravellerState,
} from './traveller-erasure';

const travellerRef = 'c0ffee'.repeat(10) + 'c0ff';
const erase: EraseTravellerIdentity = {
  kind: 'EraseTravellerIdentity',
  travellerRef,
  reason: 'data-subject-request',
  legalBasis: 'TH PDPA 2019 s.33',
  requestedBy: 'TH-IMM/dpo-17',
};
const erased = (keyIds: string[]): TravellerEvent => ({
  type: TRAVELLER_IDENTITY_ERASED,
  data: { travellerRef, keyIds, reason: 'data-subject-request', legalBasis: 'TH PDPA 2019 s.33', requestedBy: 'TH-IMM/dpo-17' },
});

/** given events, when the erasure with the vault's active keys, then events or a rule */
function given(events: TravellerEvent[]): { when: (keys: string[], c?: EraseTravellerIdentity) => TravellerEvent[] } {
  const state = events.reduce<TravellerState>(evolveTraveller, initialTravellerState);
  return { when: (activeKeyIds, command = erase) => decideTraveller(command, state, { activeKeyIds }) };
}

describe('traveller identity erasure decider', () => {
  it('erases the keys the vault holds, and says which, with no personal data', () => {
    const events = given([]).when(['k1', 'k2']);
    expect(events).toEqual([erased(['k1', 'k2'])]);
    expect(Object.keys(events[0].data).sort()).toEqual(['keyIds', 'legalBasis', 'reason', 'requestedBy', 'travellerRef']);
  });

  it('records a first request even when nothing is held', () => {
    expect(given([]).when([])).toEqual([erased([])]);
  });

  it('refuses a second erasure with nothing new to erase, accepts one after new crossings', () => {
    expect(ruleOf(() => given([erased(['k1'])]).when([]))).toBe('identity-already-erased');
    expect(given([erased(['k1'])]).when(['k3'])).toEqual([erased(['k3'])]);
  });

  it('refuses a malformed reference or a blank legal basis', () => {
    expect(ruleOf(() => given([]).when(['k1'], { ...erase, travellerRef: 'N1234567' }))).toBe('traveller-ref-malformed');
    expect(ruleOf(() => given([]).when(['k1'], { ...erase, legalBasis: '  ' }))).toBe('legal-basis-missing');
  });

  it('evolves to erased, counting erasures and keys', () => {
    const state = [erased(['k1']), erased(['k3'])].reduce<TravellerState>(evolveTraveller, initialTravellerState);
    expect(state).toEqual({ status: 'erased', erasures: 2, keyIds: ['k1', 'k3'] });
  });
});
