import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_LIST_OFFSET, OmittableNotNull, QueryInt } from '../../../common/validation';

export class ListCustomersQuery {
  /** Matches the name (any part) or the phone digits. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) search?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @QueryInt(1, 500) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_LIST_OFFSET }) @QueryInt(0, MAX_LIST_OFFSET) offset?: number;
}

export class UpdateCustomerDto {
  /** Not nullable: an empty string clears the name (the customer is known by their phone). */
  @ApiPropertyOptional({ maxLength: 200, description: 'An empty string clears the name; null is refused' })
  @OmittableNotNull()
  @IsString({ message: 'name must be a string (send "" to clear it), not null' })
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(254) email?:
    string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 5000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
  @ApiPropertyOptional() @OmittableNotNull() @IsBoolean() optedOut?: boolean;
}
