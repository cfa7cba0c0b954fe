import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The contract's limit on one chat message, in characters (an emoji counts once). */
export const MAX_CHAT_TEXT = 2000;

export class ChatRequestDto {
  @ApiProperty({ example: '+15551234567', maxLength: 40 }) @IsString() @IsNotEmpty() @MaxLength(40) from!: string;
  @ApiProperty({ minLength: 1, maxLength: MAX_CHAT_TEXT, example: 'Can I get a haircut tomorrow at 3?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CHAT_TEXT)
  text!: string;
}
