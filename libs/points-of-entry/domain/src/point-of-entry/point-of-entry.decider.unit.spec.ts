import { givenEvents, ruleOf } from '../shared/decider.spec-helpers';
import type { PointOfEntryCommand } from './point-of-entry.commands';
import { decidePointOfEntry, evolvePointOfEntry, initialPointOfEntryState, type PointOfEntryState } from './point-of-entry.decider';
import {
  POINT_OF_ENTRY_HOURS_CHANGED,
  POINT_OF_ENTRY_REGISTERED,
  type PointOfEntryEvent,
  type PointOfEntryRegisteredData,
} from './point-of-entry.events';
import { dailyHours, type OpeningHours } from './point-of-entry.hours';
import { referenceRegistrations } from './point-of-entry.reference';

const maeSot: PointOfEntryRegisteredData = {
  code: 'TH-MAESOT',
  name: 'Mae Sot',
  country: 'TH',
  kind: 'land',
  pairedWith: 'MM-MYAWADDY',
  hours: dailyHours('05:30', '20:30'),
};
const register: PointOfEntryCommand = { kind: 'RegisterPointOfEntry', pointOfEntry: maeSot };
const registered: PointOfEntryEvent = { type: POINT_OF_ENTRY_REGISTERED, data: maeSot };
const changeTo = (hours: OpeningHours): PointOfEntryCommand => ({ kind: 'ChangePointOfEntryHours', code: 'TH-MAESOT', hours });

const given = givenEvents(
  { initialState: initialPointOfEntryState, evolve: evolvePointOfEntry, decide: decidePointOfEntry },
  { nodeCountry: 'TH' },
);
const registering = (patch: Partial<PointOfEntryRegisteredData>): PointOfEntryCommand => ({
  kind: 'RegisterPointOfEntry',
  pointOfEntry: { ...maeSot, ...patch },
});

describe('point-of-entry decider', () => {
  it('registers a point of entry of the node country, paired across the border', () => {
    expect(given([]).when(register)).toEqual([registered]);
  });

  it('registers an airport open around the clock, with no pair', () => {
    const airport = registering({ code: 'TH-BKK-SUVARNABHUMI', kind: 'air', pairedWith: null, hours: { kind: '24h' } });
    expect(given([]).when(airport)).toHaveLength(1);
  });

  it('refuses to register twice', () => {
    expect(ruleOf(() => given([registered]).when(register))).toBe('point-of-entry-already-registered');
  });

  it('refuses codes, countries and pairs that cannot be right', () => {
    expect(ruleOf(() => given([]).when(registering({ code: 'th-maesot' })))).toBe('point-of-entry-code-malformed');
    expect(ruleOf(() => given([]).when(registering({ code: 'MM-MAESOT' })))).toBe('point-of-entry-code-country-mismatch');
    expect(ruleOf(() => given([]).when(registering({ code: 'KH-POIPET', country: 'KH', pairedWith: 'TH-ARANYAPRATHET' })))).toBe(
      'point-of-entry-of-another-country',
    );
    expect(ruleOf(() => given([]).when(registering({ code: 'MY-SADAO', country: 'MY' as never })))).toBe('country-outside-the-subregion');
    expect(ruleOf(() => given([]).when(registering({ pairedWith: 'TH-MAESOT' })))).toBe('paired-point-of-entry-in-same-country');
    expect(ruleOf(() => given([]).when(registering({ pairedWith: 'Myawaddy' })))).toBe('point-of-entry-code-malformed');
    expect(ruleOf(() => given([]).when(registering({ kind: 'air' })))).toBe('airport-cannot-be-paired');
    expect(ruleOf(() => given([]).when(registering({ name: '  ' })))).toBe('point-of-entry-name-missing');
  });

  it('refuses opening hours that close before they open, or are not times', () => {
    expect(ruleOf(() => given([]).when(registering({ hours: dailyHours('20:00', '06:00') })))).toBe('opening-hours-invalid');
    expect(ruleOf(() => given([]).when(registering({ hours: dailyHours('6:00', '18:00') })))).toBe('opening-hours-invalid');
    expect(ruleOf(() => given([]).when(registering({ hours: dailyHours('06:00', '24:01') })))).toBe('opening-hours-invalid');
    expect(given([]).when(registering({ hours: dailyHours('00:00', '24:00') }))).toHaveLength(1);
  });

  it('changes the hours of a registered point of entry; a day may be closed', () => {
    const weekly = dailyHours('07:00', '19:00');
    const sundayClosed: OpeningHours = weekly.kind === 'weekly' ? { kind: 'weekly', days: { ...weekly.days, sun: null } } : weekly;
    expect(given([registered]).when(changeTo(sundayClosed))).toEqual([
      { type: POINT_OF_ENTRY_HOURS_CHANGED, data: { code: 'TH-MAESOT', hours: sundayClosed } },
    ]);
  });

  it('changes nothing when the hours are the same, and refuses an unknown point of entry', () => {
    expect(given([registered]).when(changeTo(dailyHours('05:30', '20:30')))).toEqual([]);
    expect(ruleOf(() => given([]).when(changeTo({ kind: '24h' })))).toBe('point-of-entry-not-found');
    expect(ruleOf(() => given([registered]).when(changeTo(dailyHours('09:00', '09:00'))))).toBe('opening-hours-invalid');
  });

  it('evolves the hours and keeps the rest', () => {
    const state = [registered, { type: POINT_OF_ENTRY_HOURS_CHANGED, data: { code: 'TH-MAESOT', hours: { kind: '24h' } } } as PointOfEntryEvent]
      .reduce<PointOfEntryState>(evolvePointOfEntry, initialPointOfEntryState);
    expect(state).toEqual({ status: 'registered', pointOfEntry: { ...maeSot, hours: { kind: '24h' } } });
  });

  it('derives registrations of the node country from the seed catalogue, each accepted by the decider', () => {
    const commands = referenceRegistrations('TH');
    expect(commands.map((c) => c.pointOfEntry.code).sort()).toEqual([
      'TH-ARANYAPRATHET',
      'TH-BKK-SUVARNABHUMI',
      'TH-MAESOT',
      'TH-MUKDAHAN',
      'TH-NONGKHAI',
    ]);
    expect(commands.find((c) => c.pointOfEntry.code === 'TH-ARANYAPRATHET')?.pointOfEntry.pairedWith).toBe('KH-POIPET');
    for (const command of commands) expect(given([]).when(command)).toHaveLength(1);
    for (const country of ['KH', 'LA', 'MM', 'VN', 'CN']) {
      for (const command of referenceRegistrations(country)) {
        expect(decidePointOfEntry(command, initialPointOfEntryState, { nodeCountry: country })).toHaveLength(1);
      }
    }
  });
});
