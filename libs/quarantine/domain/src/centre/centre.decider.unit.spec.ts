import { givenEvents, ruleOf } from '@border-ledger/points-of-entry-domain/testing';
import { emptyCapacity, type Capacity } from './centre.codes';
import type { CentreCommand } from './centre.commands';
import { decideCentre, evolveCentre, initialCentreState } from './centre.decider';
import { CENTRE_CAPACITY_CHANGED, CENTRE_REGISTERED, centreStream, type CentreEvent, type CentreRegisteredData } from './centre.events';

const capacity: Capacity = { adults: 40, families: 10, 'isolation-rooms': 6, 'children-with-guardian': 8 };
const maeSot: CentreRegisteredData = { code: 'TH-TAK-MAESOT-1', name: 'Mae Sot field hospital', country: 'TH', province: 'Tak', capacity };
const register: CentreCommand = { kind: 'RegisterCentre', centre: maeSot };
const registered: CentreEvent = { type: CENTRE_REGISTERED, data: maeSot };
const change = (patch: Partial<Capacity>): CentreCommand => ({ kind: 'ChangeCentreCapacity', code: maeSot.code, capacity: { ...capacity, ...patch } });
const registering = (patch: Partial<CentreRegisteredData>): CentreCommand => ({ kind: 'RegisterCentre', centre: { ...maeSot, ...patch } });

const given = givenEvents({ initialState: initialCentreState, evolve: evolveCentre, decide: decideCentre }, { occupancy: emptyCapacity() });

describe('centre decider', () => {
  it('names the stream by the centre code', () => {
    expect(centreStream('TH-TAK-MAESOT-1')).toBe('centre-TH-TAK-MAESOT-1');
  });

  describe('RegisterCentre', () => {
    it('registers a centre with its capacity by category', () => {
      expect(given([]).when(register)).toEqual([registered]);
    });

    it('refuses to register twice', () => {
      expect(ruleOf(() => given([registered]).when(register))).toBe('centre-already-registered');
    });

    it('refuses codes, countries, names and provinces that cannot be right', () => {
      expect(ruleOf(() => given([]).when(registering({ code: 'maesot' })))).toBe('centre-code-malformed');
      expect(ruleOf(() => given([]).when(registering({ country: 'XX' })))).toBe('unknown-country');
      expect(ruleOf(() => given([]).when(registering({ country: 'MM' })))).toBe('centre-code-country-mismatch');
      expect(ruleOf(() => given([]).when(registering({ name: ' ' })))).toBe('centre-name-missing');
      expect(ruleOf(() => given([]).when(registering({ province: '' })))).toBe('centre-province-missing');
    });

    it('refuses capacities that are not whole places of the known categories, or none at all', () => {
      expect(ruleOf(() => given([]).when(registering({ capacity: { ...capacity, adults: -1 } })))).toBe('capacity-invalid');
      expect(ruleOf(() => given([]).when(registering({ capacity: { ...capacity, families: 1.5 } })))).toBe('capacity-invalid');
      expect(ruleOf(() => given([]).when(registering({ capacity: { ...capacity, dorms: 3 } as Capacity })))).toBe('capacity-categories-invalid');
      const { adults: _adults, ...missing } = capacity;
      expect(ruleOf(() => given([]).when(registering({ capacity: missing as Capacity })))).toBe('capacity-categories-invalid');
      expect(ruleOf(() => given([]).when(registering({ capacity: emptyCapacity() })))).toBe('centre-without-capacity');
    });
  });

  describe('ChangeCentreCapacity', () => {
    it('changes the capacity, down to the current occupancy of each category', () => {
      const occupancy = { ...emptyCapacity(), adults: 30 };
      expect(given([registered], { occupancy }).when(change({ adults: 30, families: 0 }))).toEqual([
        { type: CENTRE_CAPACITY_CHANGED, data: { code: maeSot.code, capacity: { ...capacity, adults: 30, families: 0 } } },
      ]);
    });

    it('refuses a capacity below the current occupancy of a category', () => {
      const occupancy = { ...emptyCapacity(), 'isolation-rooms': 5 };
      expect(ruleOf(() => given([registered], { occupancy }).when(change({ 'isolation-rooms': 4 })))).toBe('capacity-below-occupancy');
    });

    it('changes nothing when the capacity is the same; refuses an unknown centre or invalid capacity', () => {
      expect(given([registered]).when(change({}))).toEqual([]);
      expect(ruleOf(() => given([]).when(change({ adults: 5 })))).toBe('centre-not-found');
      expect(ruleOf(() => given([registered]).when(change({ adults: -3 })))).toBe('capacity-invalid');
    });

    it('folds the new capacity into the state', () => {
      const state = [registered, ...given([registered]).when(change({ adults: 50 }))].reduce(evolveCentre, initialCentreState);
      expect(state).toEqual({ status: 'registered', centre: { ...maeSot, capacity: { ...capacity, adults: 50 } } });
    });
  });
});
