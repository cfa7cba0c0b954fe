import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ChatRequestDto {
  @ApiProperty({ example: '+15551234567' }) @IsString() @MaxLength(40) from!: string;
  /** Long messages are accepted; only their start is read for details. */
  @ApiProperty() @IsString() @MaxLength(10000) text!: string;
}
