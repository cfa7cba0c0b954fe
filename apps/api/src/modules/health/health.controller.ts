import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorators';
import { AppError } from '../../common/errors/app-error';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';

const DB_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get()
  @Public()
  async health() {
    const dbLatencyMs = await this.pingDb();
    return { status: 'ok', db: 'up', dbLatencyMs, uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Liveness only: the process answers. A database outage is no reason to restart it. */
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** Whether to send this process traffic: not while it starts or drains, nor without its database. */
  @Get('ready')
  @Public()
  async ready() {
    const state = this.lifecycle.state;
    if (state !== 'ready') {
      throw new AppError(503, 'not_ready', `This process is ${state === 'starting' ? 'starting' : 'shutting down'}`, {
        status: state,
      });
    }
    const dbLatencyMs = await this.pingDb();
    return { status: 'ready', db: 'up', dbLatencyMs };
  }

  private async pingDb(): Promise<number> {
    const started = Date.now();
    try {
      await Promise.race([
        this.db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), DB_TIMEOUT_MS).unref()),
      ]);
    } catch {
      throw new HttpException({ status: 'error', db: 'down' }, 503);
    }
    return Date.now() - started;
  }
}
