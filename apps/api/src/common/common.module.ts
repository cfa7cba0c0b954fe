import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { AccessGuard } from './access/access.guard';
import { RateLimits } from './access/rate-limits.service';
import { UserAccessCheck } from './access/user-access-check.service';
import { Db } from './db/db.service';
import { Lifecycle } from './lifecycle/lifecycle.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries it as a public
        // key on every verify (an exception thrown and caught on each request) before using it
        // as the HMAC secret.
        secret: createSecretKey(Buffer.from(config.secrets.jwt.reveal())),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [Db, Lifecycle, RateLimits, UserAccessCheck, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [Db, Lifecycle, RateLimits, UserAccessCheck, JwtModule],
})
export class CommonModule {}
