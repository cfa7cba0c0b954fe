import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** Statements a connection keeps prepared; later new texts run unnamed (parsed and planned each time). */
const PREPARED_PER_CONNECTION = 200;

/**
 * The app pool's connection: every statement sent with parameters (all of TypeORM's and ours)
 * becomes a named prepared statement of its connection, so Postgres parses it once per
 * connection instead of once per call, and plans it once when its generic plan is as good as
 * one made for the values (Postgres's `plan_cache_mode = auto` decides; statements whose best
 * plan depends on their values, like the analytics ranges, opt out: `Db.asTenant`'s
 * `customPlans`). Parsing and planning were about a third of Postgres's CPU for a chat message.
 *
 * Statements without parameters (BEGIN, COMMIT, SAVEPOINT) use the simple protocol as before.
 * A connection keeps at most `PREPARED_PER_CONNECTION` of them (the first texts it sees), which
 * bounds the memory each Postgres backend holds for them; there is no eviction, as pg's public
 * API cannot forget a statement it has prepared.
 */
export class PreparingClient extends Client {
  private readonly names = new Map<string, string>();

  // pg's `query` has a dozen overloads; TypeORM calls `query(text, values)`, the form named here.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = this.nameOf(text);
      if (name) args = [{ name, text, values }, ...args.slice(2)];
    }
    return (super.query as (...forwarded: unknown[]) => never)(...args);
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < PREPARED_PER_CONNECTION) {
      name = `s_${createHash('sha1').update(text).digest('base64url')}`;
      this.names.set(text, name);
    }
    return name;
  }
}
