import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { open, seal, SealTamperedError, type SealedPayload, type TravellerKey } from './seal';

const key: TravellerKey = { keyId: 'k-1', travellerRef: 'a'.repeat(64), key: randomBytes(32) };
const identity = { documentNumber: 'N1234567', name: 'Sok Dara', dateOfBirth: '1990-04-01' };
const flip = (b64: string): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
};

describe('sealing (AES-256-GCM)', () => {
  it('opens what it sealed, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, aad) => {
        expect(open(key, seal(key, value, aad), aad)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps nothing in clear and uses a fresh nonce each time', () => {
    const a = seal(key, identity, 'crossing-1');
    const b = seal(key, identity, 'crossing-1');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    const text = JSON.stringify(a);
    for (const clear of Object.values(identity)) expect(text).not.toContain(clear);
    expect(Buffer.from(a.ciphertext, 'base64').toString('latin1')).not.toContain('N1234567');
  });

  it('detects tampering with the ciphertext, the tag, the nonce or the associated data', () => {
    const sealed = seal(key, identity, 'crossing-1');
    const tampered: SealedPayload[] = [
      { ...sealed, ciphertext: flip(sealed.ciphertext) },
      { ...sealed, tag: flip(sealed.tag) },
      { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64') },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, keyId: 'k-2' },
    ];
    for (const t of tampered) expect(() => open(key, t, 'crossing-1')).toThrow(SealTamperedError);
    expect(() => open(key, sealed, 'crossing-2')).toThrow(SealTamperedError);
  });

  it('does not open under another key', () => {
    const other: TravellerKey = { ...key, key: randomBytes(32) };
    expect(() => open(other, seal(key, identity, 'x'), 'x')).toThrow(SealTamperedError);
  });
});
