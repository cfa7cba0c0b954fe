import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsNotIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsTimeZone, OmittableNotNull } from '../../../common/validation';
import { MIN_PASSWORD_LENGTH, NotCommonPassword, PASSWORD_POLICY, PasswordNotFromEmail } from '../../auth/password-policy';

export class OwnerDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, description: `The owner's first password: ${PASSWORD_POLICY}.` })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  @PasswordNotFromEmail('email')
  @NotCommonPassword()
  password!: string;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Path segments under /api/v1/public that a business slug would shadow. */
export const RESERVED_SLUGS = ['manage', 'admin', 'api', 'webhooks', 'health'];

export class CreateTenantDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'demo-barbers' })
  @IsString()
  @MinLength(2)
  @MaxLength(63)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @IsNotIn(RESERVED_SLUGS, { message: `slug may not be one of ${RESERVED_SLUGS.join(', ')}` })
  slug!: string;
  @ApiProperty({ example: 'America/New_York' }) @IsTimeZone() timezone!: string;
  @ApiProperty({ example: 'usd' })
  @Matches(/^[a-z]{3}$/, { message: 'currency must be an ISO 4217 code in lower case, e.g. usd' })
  currency!: string;
  @ApiProperty({ example: 'US' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code, e.g. US' })
  country!: string;
  @ApiProperty({ enum: ['en', 'es'] }) @IsIn(['en', 'es']) locale!: 'en' | 'es';
  @ApiProperty({ type: OwnerDto }) @IsDefined() @ValidateNested() @Type(() => OwnerDto) owner!: OwnerDto;
}

/** Any subset of the fields; none of them may be null (they are NOT NULL columns). */
export class UpdateTenantDto {
  @ApiPropertyOptional({ enum: ['active', 'suspended'] }) @OmittableNotNull() @IsIn(['active', 'suspended']) status?:
    'active' | 'suspended';
  @ApiPropertyOptional({ maxLength: 200 }) @OmittableNotNull() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @OmittableNotNull() @IsTimeZone() timezone?: string;
  @ApiPropertyOptional() @OmittableNotNull() @Matches(/^[a-z]{3}$/) currency?: string;
  @ApiPropertyOptional() @OmittableNotNull() @Matches(/^[A-Z]{2}$/) country?: string;
  @ApiPropertyOptional({ enum: ['en', 'es'] }) @OmittableNotNull() @IsIn(['en', 'es']) locale?: 'en' | 'es';
}
