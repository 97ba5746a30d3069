import fc from 'fast-check';
import { CAPACITY_CATEGORIES, emptyCapacity, type CapacityCategory } from '../centre/centre.codes';
import { placeAdmission, type CentreAvailability, type PlacementRequest } from './placement';

const request: PlacementRequest = {
  crossingId: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a',
  measure: 'quarantine',
  days: 10,
  category: 'adults',
  pointOfEntry: 'TH-MAESOT',
  country: 'TH',
  province: 'Tak',
};
const centre = (code: string, province: string, free: Partial<Record<CapacityCategory, number>>, country = 'TH'): CentreAvailability => ({
  code,
  country,
  province,
  free: { ...emptyCapacity(), ...free },
});

describe('placeAdmission', () => {
  it('given room in the province, when placing, then the first centre by code there', () => {
    const centres = [centre('TH-TAK-2', 'Tak', { adults: 3 }), centre('TH-TAK-1', 'Tak', { adults: 1 }), centre('TH-BKK-1', 'Bangkok', { adults: 50 })];
    expect(placeAdmission(request, centres)).toEqual({ kind: 'placed', crossingId: request.crossingId, centre: 'TH-TAK-1', category: 'adults', proximity: 'same-province' });
  });

  it('given the province full, when placing, then the first centre by code elsewhere in the country', () => {
    const centres = [centre('TH-TAK-1', 'Tak', { adults: 0, families: 9 }), centre('TH-PHS-1', 'Phitsanulok', { adults: 2 }), centre('TH-CM-1', 'Chiang Mai', { adults: 2 }), centre('MM-KYN-1', 'Kayin', { adults: 9 }, 'MM')];
    expect(placeAdmission(request, centres)).toMatchObject({ kind: 'placed', centre: 'TH-CM-1', proximity: 'same-country' });
  });

  it('given the country full, when placing, then the first centre by code in another country', () => {
    const centres = [centre('TH-TAK-1', 'Tak', {}), centre('MM-KYN-1', 'Kayin', { adults: 9 }, 'MM'), centre('LA-VTE-1', 'Vientiane', { adults: 1 }, 'LA')];
    expect(placeAdmission(request, centres)).toMatchObject({ kind: 'placed', centre: 'LA-VTE-1', proximity: 'other-country' });
  });

  it('given no free place of the category, when placing, then a capacity alert', () => {
    const centres = [centre('TH-TAK-1', 'Tak', { families: 4, 'isolation-rooms': 2 })];
    expect(placeAdmission({ ...request, category: 'children-with-guardian' }, centres)).toEqual({
      kind: 'capacity-alert',
      crossingId: request.crossingId,
      category: 'children-with-guardian',
      pointOfEntry: 'TH-MAESOT',
      country: 'TH',
      province: 'Tak',
    });
    expect(placeAdmission(request, [])).toMatchObject({ kind: 'capacity-alert' });
  });

  describe('properties', () => {
    const availability = fc.record({
      code: fc.constantFrom('TH-A', 'TH-B', 'TH-C', 'TH-D', 'MM-A', 'MM-B', 'LA-A'),
      province: fc.constantFrom('Tak', 'Bangkok', 'Kayin'),
      free: fc.record({ adults: fc.nat(3), families: fc.nat(3), 'isolation-rooms': fc.nat(3), 'children-with-guardian': fc.nat(3) }),
    }).map((c) => ({ ...c, country: c.code.slice(0, 2) }));
    const centresArb = fc.uniqueArray(availability, { selector: (c) => c.code, maxLength: 7 });
    const categoryArb = fc.constantFrom(...CAPACITY_CATEGORIES);

    it('places in a centre with a free place of the category, and alerts only when there is none', () => {
      fc.assert(
        fc.property(centresArb, categoryArb, (centres, category) => {
          const placement = placeAdmission({ ...request, category }, centres);
          const withRoom = centres.filter((c) => c.free[category] > 0);
          if (placement.kind === 'capacity-alert') return expect(withRoom).toHaveLength(0);
          expect(withRoom.map((c) => c.code)).toContain(placement.centre);
        }),
      );
    });

    it('never goes further than the nearest centre with room, whatever the order of the centres', () => {
      fc.assert(
        fc.property(centresArb, categoryArb, (centres, category) => {
          const placement = placeAdmission({ ...request, category }, centres);
          expect(placeAdmission({ ...request, category }, [...centres].reverse())).toEqual(placement);
          if (placement.kind !== 'placed') return;
          const sameProvinceRoom = centres.some((c) => c.country === 'TH' && c.province === 'Tak' && c.free[category] > 0);
          const sameCountryRoom = centres.some((c) => c.country === 'TH' && c.free[category] > 0);
          if (sameProvinceRoom) expect(placement.proximity).toBe('same-province');
          else if (sameCountryRoom) expect(placement.proximity).toBe('same-country');
          else expect(placement.proximity).toBe('other-country');
        }),
      );
    });
  });
});
