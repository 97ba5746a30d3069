import { agencyAllowed, ClaimsError, principalFromClaims } from './principal-claims';

const claims = { sub: 'officer-9', iss: 'https://idp.test', agency: 'TH-DDC', country: 'TH', roles: ['port-health-officer'], pointsOfEntry: ['TH-MAESOT'] };

describe('principalFromClaims', () => {
  it('keeps known roles once, places of the agency country, and the client', () => {
    const principal = principalFromClaims({ ...claims, roles: ['port-health-officer', 'viewer', 'port-health-officer'], centres: ['TH-QC-TAK'], client_id: 'poe-app' }, ['TH-*']);
    expect(principal).toEqual({
      subject: 'officer-9', issuer: 'https://idp.test', agency: 'TH-DDC', country: 'TH', roles: ['port-health-officer'],
      pointsOfEntry: ['TH-MAESOT'], centres: ['TH-QC-TAK'], clientId: 'poe-app',
    });
  });

  it.each([
    [{ agency: 'TH-IMM' }, 'agency'],
    [{ agency: 'immigration' }, 'agency'],
    [{ country: 'KH' }, 'country'],
    [{ roles: 'port-health-officer' }, 'roles'],
    [{ pointsOfEntry: ['KH-POIPET'] }, 'pointsOfEntry'],
    [{ pointsOfEntry: Array.from({ length: 201 }, (_, i) => `TH-P${i}`) }, 'pointsOfEntry'],
    [{ sub: 'Somchai Jaidee' }, 'sub'],
    [{ azp: 'a b' }, 'azp'],
  ])('refuses %j (claim %s)', (override, claim) => {
    const refuse = () => principalFromClaims({ ...claims, ...override }, ['TH-DDC']);
    expect(refuse).toThrow(ClaimsError);
    try {
      refuse();
    } catch (error) {
      expect((error as ClaimsError).claim).toBe(claim);
    }
  });
});

describe('agencyAllowed', () => {
  it('matches exact codes and every agency of a country', () => {
    expect(agencyAllowed('TH-IMM', ['TH-IMM'])).toBe(true);
    expect(agencyAllowed('TH-DDC', ['TH-*'])).toBe(true);
    expect(agencyAllowed('KH-GDI', ['TH-*', 'TH-IMM'])).toBe(false);
  });
});
