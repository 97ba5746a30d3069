import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { normaliseDocumentNumber, TravellerHasher, TRAVELLER_REF_PATTERN } from './traveller-hasher';

const passport = { type: 'passport', number: 'N1234567', nationality: 'KH' };

describe('traveller hasher (keyed hash)', () => {
  const key = Buffer.alloc(32, 7);

  it('gives the same reference for the same document, under the same key, across instances', () => {
    const ref = new TravellerHasher(key).ref(passport);
    expect(ref).toMatch(TRAVELLER_REF_PATTERN);
    expect(new TravellerHasher(Buffer.from(key)).ref({ ...passport })).toBe(ref);
    // A fixed vector: a change of encoding would silently unlink every traveller already recorded.
    expect(ref).toBe('b5752e6db4351888820917128b6ef17aa85e9806d4ef4b7734b0395846227a29');
    expect(new TravellerHasher(key).ref({ type: ' Passport ', number: 'n 123-4567', nationality: 'kh' })).toBe(ref);
  });

  it('links the ways officers type one number, and tells different documents apart', () => {
    const hasher = new TravellerHasher(key);
    expect(hasher.ref({ ...passport, number: 'n1234567' })).toBe(hasher.ref(passport));
    expect(hasher.ref({ ...passport, number: 'N 123-4567' })).toBe(hasher.ref(passport));
    expect(hasher.ref({ ...passport, number: 'Ｎ１２３４５６７' })).toBe(hasher.ref(passport));
    expect(hasher.ref({ ...passport, number: 'N1234568' })).not.toBe(hasher.ref(passport));
    expect(hasher.ref({ ...passport, nationality: 'TH' })).not.toBe(hasher.ref(passport));
    expect(hasher.ref({ ...passport, type: 'border-pass' })).not.toBe(hasher.ref(passport));
  });

  it('depends on the key: another node cannot recompute or link the reference', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 64 }), fc.string({ minLength: 1, maxLength: 20 }), (bytes, number) => {
        const other = Buffer.from(bytes);
        fc.pre(!other.equals(key));
        const doc = { ...passport, number };
        expect(new TravellerHasher(other).ref(doc)).not.toBe(new TravellerHasher(key).ref(doc));
      }),
      { numRuns: 100 },
    );
  });

  it('never contains the document number', () => {
    const ref = new TravellerHasher(randomBytes(32)).ref(passport);
    expect(ref.toUpperCase()).not.toContain(passport.number);
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => new TravellerHasher(Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });

  it('normalises spaces, hyphens, dots, slashes and case', () => {
    expect(normaliseDocumentNumber(' ab 12-34.5/6 ')).toBe('AB123456');
  });
});
