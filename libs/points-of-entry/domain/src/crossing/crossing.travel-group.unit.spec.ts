import type { CrossingCommand, CrossingContext, RecordCrossing } from './crossing.commands';
import { ruleOf } from '../shared/decider.spec-helpers';
import { decideCrossing, type CrossingState } from './crossing.decider';
import { CROSSING_RECORDED, type CrossingEvent, type CrossingRecordedData } from './crossing.events';

const context: CrossingContext = {
  nodeCountry: 'TH',
  now: new Date('2026-11-23T09:00:00Z'),
  pointOfEntry: { code: 'TH-ARANYAPRATHET', country: 'TH' },
};
const groupId = '0f6f7c1e-2b55-4c1b-9a8e-5d0a3c2b1f00';
const mother: CrossingRecordedData = {
  crossingId: '11111111-1111-4111-8111-111111111111',
  pointOfEntry: 'TH-ARANYAPRATHET',
  direction: 'entry',
  channel: 'border-pass',
  purpose: 'family',
  nationality: 'KH',
  sex: 'female',
  ageBand: '25-34',
  groupId,
};
const child: CrossingRecordedData = {
  ...mother,
  crossingId: '22222222-2222-4222-8222-222222222222',
  ageBand: '5-11',
  guardianCrossingId: mother.crossingId,
};
const recordChild = (data: CrossingRecordedData): RecordCrossing => ({ kind: 'RecordCrossing', crossing: data, occurredAt: '2026-11-23T08:55:00Z' });
const recordedGuardian = (data: CrossingRecordedData): CrossingState => ({ status: 'recorded', crossing: data });

/** given the guardian's crossing (state), when the child's command, then events or a rule */
function given(guardian: CrossingState | undefined): { when: (c: CrossingCommand) => CrossingEvent[] } {
  return { when: (command) => decideCrossing(command, { status: 'none' }, { ...context, guardian }) };
}

describe('crossing decider: who travels together', () => {
  it('records a child with a guardian who crossed at the same post, same way, same group', () => {
    expect(given(recordedGuardian(mother)).when(recordChild(child))).toEqual([{ type: CROSSING_RECORDED, data: child }]);
  });

  it('records an unaccompanied child, with no guardian to look up', () => {
    const { guardianCrossingId: _g, ...alone } = child;
    const data = { ...alone, unaccompanied: true as const };
    expect(given(undefined).when(recordChild(data))).toEqual([{ type: CROSSING_RECORDED, data }]);
  });

  it('requires a child to have a guardian or be stated unaccompanied, not both', () => {
    const { guardianCrossingId: _g, ...alone } = child;
    expect(ruleOf(() => given(undefined).when(recordChild(alone)))).toBe('child-travel-companion-required');
    expect(ruleOf(() => given(recordedGuardian(mother)).when(recordChild({ ...child, unaccompanied: true })))).toBe(
      'guardian-and-unaccompanied',
    );
  });

  it('refuses a guardian or "unaccompanied" on an adult', () => {
    expect(ruleOf(() => given(recordedGuardian(mother)).when(recordChild({ ...child, ageBand: '18-24' })))).toBe(
      'travel-companion-for-a-child-only',
    );
    const { guardianCrossingId: _g, ...adult } = { ...child, ageBand: '35-49' as const };
    expect(ruleOf(() => given(undefined).when(recordChild({ ...adult, unaccompanied: true })))).toBe('travel-companion-for-a-child-only');
  });

  it('refuses a guardian crossing that is missing, voided, of a child, elsewhere, or in another group', () => {
    expect(ruleOf(() => given(undefined).when(recordChild(child)))).toBe('guardian-crossing-not-found');
    expect(ruleOf(() => given({ status: 'none' }).when(recordChild(child)))).toBe('guardian-crossing-not-found');
    expect(ruleOf(() => given({ status: 'voided', crossing: mother, reason: 'x' }).when(recordChild(child)))).toBe(
      'guardian-crossing-voided',
    );
    expect(ruleOf(() => given(recordedGuardian({ ...mother, ageBand: '12-17' })).when(recordChild(child)))).toBe('guardian-is-a-child');
    expect(ruleOf(() => given(recordedGuardian({ ...mother, direction: 'exit' })).when(recordChild(child)))).toBe(
      'guardian-crossed-elsewhere',
    );
    expect(ruleOf(() => given(recordedGuardian({ ...mother, pointOfEntry: 'TH-MAESOT' })).when(recordChild(child)))).toBe(
      'guardian-crossed-elsewhere',
    );
    const otherGroup = { ...mother, groupId: '9a9a9a9a-9a9a-4a9a-8a9a-9a9a9a9a9a9a' };
    expect(ruleOf(() => given(recordedGuardian(otherGroup)).when(recordChild(child)))).toBe('guardian-in-another-group');
    expect(ruleOf(() => given(undefined).when(recordChild({ ...child, guardianCrossingId: child.crossingId })))).toBe(
      'guardian-is-the-child',
    );
  });

  it('keeps sealed identity only with a well-formed traveller reference', () => {
    const sealed = { keyId: 'k', algorithm: 'AES-256-GCM' as const, iv: 'aa', ciphertext: 'bb', tag: 'cc' };
    const adult = { ...mother, groupId: undefined };
    const travellerRef = 'ab'.repeat(32);
    expect(given(undefined).when(recordChild({ ...adult, travellerRef, identity: sealed }))[0].data).toMatchObject({ travellerRef });
    expect(ruleOf(() => given(undefined).when(recordChild({ ...adult, identity: sealed })))).toBe('identity-without-traveller');
    expect(ruleOf(() => given(undefined).when(recordChild({ ...adult, travellerRef: 'N1234567' })))).toBe('traveller-ref-malformed');
  });
});
