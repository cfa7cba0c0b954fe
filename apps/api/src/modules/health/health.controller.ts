import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorators';
import { Db } from '../../common/db/db.service';

const DB_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  @Get()
  @Public()
  async health() {
    const started = Date.now();
    try {
      await Promise.race([
        this.db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), DB_TIMEOUT_MS).unref()),
      ]);
    } catch {
      throw new HttpException({ status: 'error', db: 'down' }, 503);
    }
    return { status: 'ok', db: 'up', dbLatencyMs: Date.now() - started, uptimeSeconds: Math.round(process.uptime()) };
  }
}
