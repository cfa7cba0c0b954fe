import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AWAITING, type Awaiting, CHAT_STATES, type ChatResponse, type ChatState } from '@frontdesk/contracts';

/** The contract's limit on one chat message, in characters (an emoji counts once). */
export const MAX_CHAT_TEXT = 2000;

export class ChatRequestDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_CHAT_TEXT, example: 'Can I get a haircut tomorrow at 3?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CHAT_TEXT)
  text!: string;

  @ApiPropertyOptional({
    description:
      'The session token of the previous answer. Absent: a new web conversation starts. A tampered, unknown or expired (24 hours without a message) session answers 401 `link_invalid`.',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  session?: string;

  @ApiPropertyOptional({
    description:
      "Talk as this phone number, exactly as if the messages came by SMS. Needs an owner's or staff member's bearer token of this business (a super-admin adds X-Tenant-Id); without one: 401 `unauthorized`. Not together with `session`.",
    example: '+15551234567',
    maxLength: 40,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  from?: string;
}

class ChatOptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
}

class ChatReplyDto {
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: [ChatOptionDto] }) options?: ChatOptionDto[];
}

export class ChatResponseDto implements ChatResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The web conversation's signed session token, to send with the next message; null when talking as `from`.",
  })
  session!: string | null;
  @ApiProperty({ type: [ChatReplyDto] }) replies!: ChatReplyDto[];
  @ApiProperty({ enum: CHAT_STATES }) state!: ChatState;
  @ApiProperty({ enum: AWAITING, nullable: true, type: String }) awaiting!: Awaiting | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) bookingId!: string | null;
}
