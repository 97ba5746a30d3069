import { BadRequestException } from '@nestjs/common';
import { checkIdempotencyKey, ifMatchRevision } from './command-headers';

describe('HTTP header helpers', () => {
  it('reads If-Match as a plain revision number, quoted or weak', () => {
    expect(ifMatchRevision(undefined, 'crossing')).toBeUndefined();
    expect(ifMatchRevision('3', 'crossing')).toBe(3);
    expect(ifMatchRevision('"3"', 'crossing')).toBe(3);
    expect(ifMatchRevision('W/"12"', 'crossing')).toBe(12);
  });

  it.each(['', '""', '0x1f', '1e2', '3.0', '-1', 'abc', '9999999999999999'])('refuses If-Match %j with 400', (value) => {
    expect(() => ifMatchRevision(value, 'crossing')).toThrow(BadRequestException);
  });

  it('accepts a sane Idempotency-Key and refuses others', () => {
    expect(checkIdempotencyKey('retry-key-0001')).toBe('retry-key-0001');
    expect(() => checkIdempotencyKey('short')).toThrow(BadRequestException);
    expect(() => checkIdempotencyKey('has spaces in it')).toThrow(BadRequestException);
  });
});
