import type { RequestContext } from '../../graphql/context';

/** Who acted, as the audit trail records it. Derived from the request unless given (sign-in, CLI). */
export interface AuditActor {
  type: 'OPS' | 'CANDIDATE' | 'ANONYMOUS' | 'SYSTEM';
  id: string | null;
  username: string | null;
  role: string | null;
}

export interface AuditEntry {
  /** UPPER_SNAKE_CASE verb phrase, e.g. OPS_LOGIN, CANDIDATE_PII_VIEWED, APPLICATION_APPROVED. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** What the staff member gave as the reason (required for unmasked reads). */
  reason?: string | null;
  /** Ids, codes and masked values only: the audit trail must not become a second copy of the personal data. */
  details?: Record<string, unknown>;
  /** Only when the request does not say who acts (sign-in before the session exists, the CLI). */
  actor?: AuditActor;
}

const ACTION_PATTERN = /^[A-Z][A-Z0-9_]{2,63}$/;
export const AUDIT_REASON_MAX_LENGTH = 500;

export function actorOf(ctx: RequestContext): AuditActor {
  if (ctx.ops) {
    return { type: 'OPS', id: ctx.ops.id, username: ctx.ops.username, role: ctx.ops.roles.includes('ADMIN') ? 'ADMIN' : 'REVIEWER' };
  }
  if (ctx.viewer) return { type: 'CANDIDATE', id: ctx.viewer.id, username: null, role: 'CANDIDATE' };
  return { type: 'ANONYMOUS', id: null, username: null, role: null };
}

/**
 * Appends one audit record through `ctx.em`. Call it with the transactional context of the change it
 * records (`withEntityManager(ctx, tx)` inside `em.transactional`), so the change and its record commit or
 * roll back together: there is never a change without its record, nor a record of a change that did
 * not happen.
 */
export async function recordAudit(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  if (!ACTION_PATTERN.test(entry.action)) throw new Error(`audit action must be UPPER_SNAKE_CASE: ${entry.action}`);
  const actor = entry.actor ?? actorOf(ctx);
  await ctx.em.execute(
    `insert into audit_record (occurred_at, actor_type, actor_id, actor_username, actor_role, action, target_type, target_id,
                               ip, user_agent, request_id, reason, details)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      ctx.clock.now(),
      actor.type,
      actor.id,
      actor.username,
      actor.role,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      ctx.ip.slice(0, 45),
      ctx.userAgent?.slice(0, 500) ?? null,
      ctx.requestId.slice(0, 64),
      entry.reason?.slice(0, AUDIT_REASON_MAX_LENGTH) ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export const UNMASKED_READ_ACTION = 'PERSONAL_DATA_UNMASKED';

/**
 * Records that personal data was shown unmasked (PIPL: every access to sensitive personal information
 * is logged). `fields` names what was shown (documentNumber, phone …), never the values. Call it in the
 * same transaction as the read, before the data leaves the service: no record, no data.
 */
export async function auditUnmaskedRead(
  ctx: RequestContext,
  read: { targetType: string; targetId: string; fields: string[]; reason: string; details?: Record<string, unknown> },
): Promise<void> {
  if (!read.reason.trim()) throw new Error('an unmasked read needs a reason');
  await recordAudit(ctx, {
    action: UNMASKED_READ_ACTION,
    targetType: read.targetType,
    targetId: read.targetId,
    reason: read.reason.trim(),
    details: { fields: read.fields, ...read.details },
  });
}

export interface AuditRecordFilter {
  action?: string | null;
  actorUsername?: string | null;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  occurredFrom?: Date | null;
  occurredBefore?: Date | null;
}

export interface AuditRecordRow {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export interface AuditRecordPage {
  records: AuditRecordRow[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const AUDIT_PAGE_MAX = 200;
const CURSOR_PREFIX = 'audit:';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeAuditCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  return /^\d{1,19}$/.test(id) ? id : null;
}

/** Reading the trail (admins only, see AuditResolver). Writing goes through recordAudit alone. */
export class AuditService {
  /**
   * Newest first, keyset-paginated on the id (no OFFSET: page 1,000 costs what page 1 does). A record
   * committed late by a long transaction can carry a smaller id than one already shown; for an
   * investigation that re-reads by filter this is acceptable, and it keeps the cursor a plain number.
   */
  async list(ctx: RequestContext, filter: AuditRecordFilter, first: number, after: string | null): Promise<AuditRecordPage | { invalidCursor: true }> {
    const limit = Math.min(Math.max(first, 1), AUDIT_PAGE_MAX);
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      conditions.push(sql);
      params.push(value);
    };
    if (after !== null) {
      const id = decodeAuditCursor(after);
      if (!id) return { invalidCursor: true };
      add('id < ?', id);
    }
    if (filter.action) add('action = ?', filter.action);
    if (filter.actorUsername) add('actor_username = ?', filter.actorUsername);
    if (filter.actorId) {
      if (!UUID_PATTERN.test(filter.actorId)) return { records: [], nextCursor: null }; // no account has such an id
      add('actor_id = ?::uuid', filter.actorId);
    }
    if (filter.targetType) add('target_type = ?', filter.targetType);
    if (filter.targetId) add('target_id = ?', filter.targetId);
    if (filter.occurredFrom) add('occurred_at >= ?', filter.occurredFrom);
    if (filter.occurredBefore) add('occurred_at < ?', filter.occurredBefore);
    const rows = await ctx.em.execute<Array<AuditRecordRow & { id: string }>>(
      `select id::text as id, occurred_at as "occurredAt", actor_type as "actorType", actor_id as "actorId",
              actor_username as "actorUsername", actor_role as "actorRole", action, target_type as "targetType",
              target_id as "targetId", ip, user_agent as "userAgent", request_id as "requestId", reason, details
         from audit_record
        ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
        order by id desc
        limit ${limit + 1}`,
      params,
    );
    const records = rows.slice(0, limit).map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
    return { records, nextCursor: rows.length > limit ? encodeAuditCursor(records.at(-1)!.id) : null };
  }
}
