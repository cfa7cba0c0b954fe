import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/access/access.decorators';
import {
  LOGIN_FAILURES_PER_PAIR,
  LOGIN_FREE_FAILURES_PER_IP,
  LOGIN_IP_MAX_BACKOFF_SECONDS,
  LOGIN_PAIR_WINDOW_SECONDS,
} from '../../common/access/rate-limits.service';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Failed logins are throttled per (email, IP) and per IP (`RateLimits`), separately from the public limit. */
  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in: an access token and who it is for',
    description:
      'Wrong credentials, an unknown email and a suspended business all answer the same 401. Failed sign-ins are ' +
      `throttled per (email, client IP): after ${LOGIN_FAILURES_PER_PAIR} in ${LOGIN_PAIR_WINDOW_SECONDS / 60} minutes that ` +
      `email is refused from that IP for ${LOGIN_PAIR_WINDOW_SECONDS / 60} minutes (it still signs in from elsewhere); and ` +
      `per client IP: past ${LOGIN_FREE_FAILURES_PER_IP} failures in a day, each further one makes that IP wait 1 s, 2 s, ` +
      `4 s, … (at most ${LOGIN_IP_MAX_BACKOFF_SECONDS / 60} minutes). The client IP is the connecting peer, or the ` +
      'X-Forwarded-For address appended by a proxy listed in TRUSTED_PROXIES.',
  })
  @ApiResponse({ status: 200, description: '{"accessToken", "user": {"id","email","name","role","tenantId"}}' })
  @ApiResponse({ status: 401, description: '`unauthorized`: email or password is incorrect' })
  @ApiResponse({ status: 429, description: '`rate_limited` with `retryAfterSeconds` (and a Retry-After header)' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(dto.email, dto.password, request.ip);
  }
}
