import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Decimal places of a finite number, exponent notation included (`1e-7` has 7, `1.5e-3` has 4).
 * class-validator's own `maxDecimalPlaces` splits `String(value)` on the dot and throws on
 * `-3e-323`, which turned a bad body into a 500; this one never throws.
 */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent] = value.toString().toLowerCase().split('e');
  const fraction = mantissa?.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/**
 * A finite JSON number with at most `maxDecimalPlaces` decimals: what a measurement (a temperature)
 * is. Refuses strings, NaN, infinities and over-precise values with a field message.
 */
export function IsMeasurement(maxDecimalPlaces: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMeasurement',
      constraints: [maxDecimalPlaces],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= maxDecimalPlaces,
        defaultMessage: (args) => `${args?.property ?? "value"} must be a number with at most ${maxDecimalPlaces} decimal places`,
      },
    },
    options,
  );
}
