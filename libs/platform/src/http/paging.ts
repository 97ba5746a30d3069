import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?limit=`: an optional whole number from 1 to `max`, documented with the default the handler applies. */
export const PageLimit = (defaultValue: number, max = 500): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: defaultValue }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

/** `?offset=`: an optional whole number from 0 (default 0). */
export const PageOffset = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 }), IsOptional(), Type(() => Number), IsInt(), Min(0));
