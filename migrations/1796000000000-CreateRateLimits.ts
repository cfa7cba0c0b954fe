import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counters of the failed-login limiter and the public rate limit, shared by every API
 * process (rate-limiter-flexible's RateLimiterPostgres, which is told the table exists). The
 * columns are the library's own; keys are `<limiter>:<ip or email|ip>`. No tenant's data lives
 * here, so it sits outside row-level security, like `migrations`.
 */
export class CreateRateLimits1796000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
      GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rate_limits');
  }
}
