import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant } from '../../../common/validation';

export class UpdateCalendarFeedDto {
  @ApiProperty({ description: 'Events say only "Busy": no customer name, no service.' }) @IsBoolean() busyOnly!: boolean;
}

export class GoogleCallbackQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) state?: string;
  @ApiPropertyOptional({ description: 'Set by Google when the consent was refused (`access_denied`).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  error?: string;
}

export class ExternalBusyQuery {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsInstant() from!: string;
  @ApiProperty({ example: '2026-12-08T00:00:00Z' }) @IsInstant() to!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() staffId?: string;
}
