import { validateSync } from 'class-validator';
import { decimalPlaces, IsMeasurement } from './decimal-field';

class Reading {
  @IsMeasurement(1)
  readonly celsius!: unknown;
}

const errorsFor = (celsius: unknown): string[] =>
  validateSync(Object.assign(new Reading(), { celsius })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('decimalPlaces', () => {
  it.each([
    [37, 0],
    [37.5, 1],
    [-0.25, 2],
    [1e21, 0],
    [1e-7, 7],
    [1.5e-3, 4],
    [-3e-323, 323],
    [5e-324, 324],
  ])('%p has %p decimal places', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});

describe('IsMeasurement', () => {
  it('accepts finite numbers within the precision', () => {
    expect(errorsFor(37.5)).toEqual([]);
    expect(errorsFor(-40)).toEqual([]);
  });

  it.each([-3e-323, 1e-7, 37.55, NaN, Infinity, -Infinity, '37.5', null, undefined, [], {}])(
    'refuses %p with a field message, without throwing',
    (value) => {
      expect(errorsFor(value)).toEqual(['celsius must be a number with at most 1 decimal places']);
    },
  );
});
