import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Memory } from '@frontdesk/conversation';

/**
 * How long a web chat session lives without a message: long enough to survive a reload or
 * come back to the booking page later that day, short enough that a verified phone does not
 * stay bound to a browser for long.
 */
export const SESSION_IDLE_HOURS = 24;

/** A web chat session: the engine's memory and what the visitor proved. */
export interface WebChatRow {
  id: string;
  tenantId: string;
  memory: Partial<Memory>;
  /** The phone verified with a code in this session, or null. */
  verifiedPhone: string | null;
  /** Keyed hash of the last code sent, and the phone it went to, while an attempt is open. */
  codeHash: string | null;
  codePhone: string | null;
  version: number;
  updatedAt: Date;
}

const SELECT = `
  select id, tenant_id as "tenantId", memory, verified_phone as "verifiedPhone", code_hash as "codeHash",
         code_phone as "codePhone", version, updated_at as "updatedAt"
    from web_chats
   where id = $1 and updated_at > now() - make_interval(hours => $2)`;

/** Web chat sessions, inside the caller's tenant transaction. */
@Injectable()
export class WebChatRepository {
  /** The live session with this id, or undefined (never existed, or idle past its lifetime). */
  async find(m: EntityManager, id: string): Promise<WebChatRow | undefined> {
    const [row] = await m.query<WebChatRow[]>(SELECT, [id, SESSION_IDLE_HOURS]);
    return row;
  }

  /** The live session, locked until the transaction ends: its messages take turns. */
  async lock(m: EntityManager, id: string): Promise<WebChatRow | undefined> {
    const [row] = await m.query<WebChatRow[]>(`${SELECT} for update`, [id, SESSION_IDLE_HOURS]);
    return row;
  }

  /** A new session; sessions of this tenant idle past their lifetime are dropped on the way. */
  async create(m: EntityManager, tenantId: string): Promise<WebChatRow> {
    await m.query(`delete from web_chats where updated_at <= now() - make_interval(hours => $1)`, [SESSION_IDLE_HOURS]);
    const [row] = await m.query<WebChatRow[]>(
      `insert into web_chats (tenant_id) values ($1)
       returning id, tenant_id as "tenantId", memory, verified_phone as "verifiedPhone", code_hash as "codeHash",
                 code_phone as "codePhone", version, updated_at as "updatedAt"`,
      [tenantId],
    );
    return row;
  }

  async save(m: EntityManager, chat: WebChatRow, memory: Memory): Promise<void> {
    await m.query(
      `update web_chats set memory = $2, verified_phone = $3, code_hash = $4, code_phone = $5,
              version = version + 1, updated_at = now()
        where id = $1`,
      [chat.id, JSON.stringify(memory), chat.verifiedPhone, chat.codeHash, chat.codePhone],
    );
  }
}
