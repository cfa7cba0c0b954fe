import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_LIST_OFFSET, QueryInt } from '../../../common/validation';

export class ListConversationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  flagged?: boolean;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @QueryInt(1, 200) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_LIST_OFFSET }) @QueryInt(0, MAX_LIST_OFFSET) offset?: number;
}

export class StaffReplyDto {
  @ApiProperty({ minLength: 1, maxLength: 1600 }) @IsString() @IsNotEmpty() @MaxLength(1600) text!: string;
}
