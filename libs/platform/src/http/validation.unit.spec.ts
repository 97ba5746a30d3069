import 'reflect-metadata';
import { BadRequestException, type ValidationError } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Length, Min, ValidateNested, validate } from 'class-validator';
import { flattenValidationErrors, MAX_FIELD_ERRORS, validationExceptionFactory } from './validation';

class Leg {
  @IsString()
  @Length(3, 3)
  code!: string;
}

class Route {
  @ValidateNested({ each: true })
  @Type(() => Leg)
  legs!: Leg[];
}

class Crossing {
  @IsInt()
  @Min(1)
  count!: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => Route)
  route!: Route;
}

async function errorsFor(plain: object): Promise<ValidationError[]> {
  return validate(plainToInstance(Crossing, plain), { whitelist: true, forbidNonWhitelisted: true });
}

describe('flattenValidationErrors', () => {
  it('gives top-level fields their own name and every message', async () => {
    const flat = flattenValidationErrors(await errorsFor({ count: 'x', route: { legs: [] } }));
    expect(flat).toHaveLength(1);
    expect(flat[0]!.field).toBe('count');
    expect(flat[0]!.messages).toEqual(
      expect.arrayContaining(['count must be an integer number', 'count must not be less than 1']),
    );
  });

  it('uses dotted paths for nested objects and brackets for array elements', async () => {
    const flat = flattenValidationErrors(
      await errorsFor({ count: 1, route: { legs: [{ code: 'VNM' }, { code: 'TOOLONG' }, { code: 7 }] } }),
    );
    expect(flat.map((e) => e.field)).toEqual(['route.legs[1].code', 'route.legs[2].code']);
    expect(flat[0]!.messages).toEqual(['code must be shorter than or equal to 3 characters']);
    expect(flat[1]!.messages).toEqual(expect.arrayContaining(['code must be a string']));
  });

  it('reports unknown (non-whitelisted) properties at their path, nested ones included', async () => {
    const flat = flattenValidationErrors(
      await errorsFor({ count: 1, extra: true, route: { legs: [{ code: 'LAO', smuggled: 1 }] } }),
    );
    expect(flat).toEqual(
      expect.arrayContaining([
        { field: 'extra', messages: ['property extra should not exist'] },
        { field: 'route.legs[0].smuggled', messages: ['property smuggled should not exist'] },
      ]),
    );
    expect(flat).toHaveLength(2);
  });

  it('keeps a parent entry when the nested object itself is missing', async () => {
    const flat = flattenValidationErrors(await errorsFor({ count: 1 }));
    expect(flat).toEqual([{ field: 'route', messages: expect.arrayContaining(['route should not be null or undefined']) }]);
  });

  it('prefixes paths with parentPath when given', () => {
    const error = { property: 'b', value: 1, constraints: { isString: 'b must be a string' }, children: [] };
    expect(flattenValidationErrors([error], 'a')).toEqual([{ field: 'a.b', messages: ['b must be a string'] }]);
  });
});

describe('validationExceptionFactory', () => {
  it('builds a 400 with the documented body', async () => {
    const exception = validationExceptionFactory(await errorsFor({ count: 0, route: { legs: [] } }));
    expect(exception).toBeInstanceOf(BadRequestException);
    expect(exception.getStatus()).toBe(400);
    expect(exception.getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: [{ field: 'count', messages: ['count must not be less than 1'] }],
    });
  });
});

describe('flattenValidationErrors edge cases', () => {
  it('treats all-digit keys as indices when the parent value was stripped', () => {
    const error: ValidationError = {
      property: 'legs',
      value: undefined,
      children: [{ property: '2', children: [{ property: 'code', constraints: { isString: 'code must be a string' } }] }],
    };
    expect(flattenValidationErrors([error])).toEqual([{ field: 'legs[2].code', messages: ['code must be a string'] }]);
  });

  it('keeps digit keys of object-valued parents dotted', () => {
    const error: ValidationError = {
      property: 'byYear',
      value: { '2024': {} },
      children: [{ property: '2024', constraints: { isObject: 'bad' } }],
    };
    expect(flattenValidationErrors([error])).toEqual([{ field: 'byYear.2024', messages: ['bad'] }]);
  });

  it(`reports at most ${MAX_FIELD_ERRORS} fields`, () => {
    const error: ValidationError = {
      property: 'legs',
      value: [],
      children: Array.from({ length: 500 }, (_, i) => ({ property: String(i), constraints: { isObject: 'bad' } })),
    };
    const flat = flattenValidationErrors([error]);
    expect(flat).toHaveLength(MAX_FIELD_ERRORS);
    expect(flat[0]).toEqual({ field: 'legs[0]', messages: ['bad'] });
  });
});
