import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { DepositRule } from '@frontdesk/contracts';
import { DEPOSIT_RULE_SCHEMA, IsDepositRule } from '../../payments/dto/deposit-rule';
import { OmittableNotNull } from './shared';

/** The largest value of a Postgres `integer` column. */
const MAX_INT = 2_147_483_647;
const MAX_ALIASES = 20;

/** Aliases are matched against what customers type, so they are stored the way they are compared. */
const normaliseAliases = ({ value }: { value: unknown }) =>
  Array.isArray(value) && value.every((alias) => typeof alias === 'string')
    ? [...new Set(value.map((alias: string) => alias.trim().toLowerCase()))]
    : value;

export class CreateServiceDto {
  @ApiProperty({ maxLength: 200, example: 'Haircut' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1440, example: 30 }) @IsInt() @Min(1) @Max(1440) durationMinutes!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_INT,
    example: 3000,
    description: "In minor units of the tenant's currency",
  })
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  priceCents!: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1440, default: 0 })
  @OmittableNotNull()
  @IsInt()
  @Min(0)
  @Max(1440)
  bufferBeforeMinutes?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1440, default: 0 })
  @OmittableNotNull()
  @IsInt()
  @Min(0)
  @Max(1440)
  bufferAfterMinutes?: number;
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ALIASES,
    default: [],
    example: ['cut', 'trim'],
    description: 'Other words customers use for the service; trimmed, lower-cased and de-duplicated',
  })
  @OmittableNotNull()
  @Transform(normaliseAliases)
  @IsArray()
  @ArrayMaxSize(MAX_ALIASES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];
  @ApiPropertyOptional({ default: true }) @OmittableNotNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({
    ...DEPOSIT_RULE_SCHEMA,
    nullable: true,
    default: null,
    description: "The service's own deposit rule; null: the business's default rule",
  })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @IsDepositRule()
  deposit?: DepositRule | null;
}

/** Any subset of the fields; none of them may be null. */
export class UpdateServiceDto extends PartialType(CreateServiceDto, { skipNullProperties: false }) {}
