import fc from 'fast-check';
import { agreementRefs, REF_KINDS } from './agreement-refs';

const secret = new Uint8Array(32).fill(7);

describe('agreement refs', () => {
  it('gives the same traveller ref on two nodes holding the same secret for the same agreement', () => {
    // Given: Thailand's node and Cambodia's node, each with its own copy of the shared secret.
    const thailand = agreementRefs(Uint8Array.from(secret), 'th-kh-immigration');
    const cambodia = agreementRefs(Uint8Array.from(secret), 'th-kh-immigration');
    // When / then: the same document, typed differently at each post, gives the same ref.
    expect(thailand.travellerRef('passport', 'n0123456', 'KH')).toBe(cambodia.travellerRef(' Passport', 'N 012-3456', 'kh'));
  });

  it('gives unlinkable refs under different agreements, even with the same secret', () => {
    const immigration = agreementRefs(secret, 'th-kh-immigration');
    const health = agreementRefs(secret, 'th-kh-health');
    const other = agreementRefs(new Uint8Array(32).fill(8), 'th-kh-immigration');
    const ref = immigration.travellerRef('passport', 'N0123456', 'KH');
    expect(health.travellerRef('passport', 'N0123456', 'KH')).not.toBe(ref);
    expect(other.travellerRef('passport', 'N0123456', 'KH')).not.toBe(ref);
    expect(health.ref('crossing', 'c-1')).not.toBe(immigration.ref('crossing', 'c-1'));
  });

  it('tells documents, nationalities and kinds of ref apart', () => {
    const refs = agreementRefs(secret, 'th-kh-immigration');
    const ref = refs.travellerRef('passport', 'N0123456', 'KH');
    expect(refs.travellerRef('passport', 'N0123457', 'KH')).not.toBe(ref);
    expect(refs.travellerRef('passport', 'N0123456', 'TH')).not.toBe(ref);
    expect(refs.travellerRef('border-pass', 'N0123456', 'KH')).not.toBe(ref);
    expect(new Set(REF_KINDS.map((kind) => refs.ref(kind, 'same-id'))).size).toBe(REF_KINDS.length);
  });

  it('is base64url of 128 bits and never contains its input (property)', () => {
    const refs = agreementRefs(secret, 'th-kh-immigration');
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), fc.constantFrom(...REF_KINDS), (id, kind) => {
        const ref = refs.ref(kind, id);
        expect(ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(ref.includes(id) && id.length > 6).toBe(false);
      }),
    );
  });

  it('length-prefixes its parts: shifting a boundary changes the ref (property)', () => {
    const refs = agreementRefs(secret, 'th-kh-immigration');
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z0-9]{2,12}$/), (a, b) => {
        expect(refs.travellerRef(a, b, 'KH')).not.toBe(refs.travellerRef(a + b[0], b.slice(1), 'KH'));
      }),
    );
  });

  it('refuses a secret shorter than 256 bits', () => {
    expect(() => agreementRefs(new Uint8Array(16), 'th-kh-immigration')).toThrow(/at least 32 bytes/);
  });
});
