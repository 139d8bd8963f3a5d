import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../orm/orm-config';
import { createTestDatabase, FakeClock, testContext, type TestDatabase } from '../../../test/support';
import { AuditService, auditUnmaskedRead, decodeAuditCursor, encodeAuditCursor, recordAudit } from './audit.service';

let db: TestDatabase;
let orm: MikroORM;
const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
const admin = { id: '00000000-0000-4000-8000-0000000000a2', username: 'admin', roles: ['ADMIN' as const], unitCodes: [] };
const ctx = () => testContext(orm, clock, { ops: admin, ip: '198.51.100.7', userAgent: 'spec' });
const audit = new AuditService();
const sql = (text: string, params: unknown[] = []) => orm.em.getConnection().execute(text, params);

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 4 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

describe('recordAudit', () => {
  it('records who (from the request), what, on what, when, from where, why and details', async () => {
    await recordAudit(ctx(), { action: 'SPEC_ACTION', targetType: 'THING', targetId: 't-1', reason: '核对', details: { masked: '138****1234' } });
    const [row] = await sql(`select * from audit_record where action = 'SPEC_ACTION'`);
    expect(row).toMatchObject({
      actor_type: 'OPS',
      actor_id: admin.id,
      actor_username: 'admin',
      actor_role: 'ADMIN',
      target_type: 'THING',
      target_id: 't-1',
      ip: '198.51.100.7',
      user_agent: 'spec',
      reason: '核对',
      details: { masked: '138****1234' },
    });
    expect(new Date(row.occurred_at)).toEqual(clock.now());
  });

  it('commits and rolls back with the change it records', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        await recordAudit({ ...ctx(), em }, { action: 'ROLLED_BACK_ACTION' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await sql(`select * from audit_record where action = 'ROLLED_BACK_ACTION'`)).toEqual([]);
  });

  it('refuses malformed actions, and unmasked reads without a reason', async () => {
    await expect(recordAudit(ctx(), { action: 'drop table; --' })).rejects.toThrow(/UPPER_SNAKE_CASE/);
    await expect(auditUnmaskedRead(ctx(), { targetType: 'CANDIDATE_ACCOUNT', targetId: 'x', fields: ['phone'], reason: '  ' })).rejects.toThrow(/reason/);
  });
});

describe('audit_record is append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE whoever runs them', async () => {
    await recordAudit(ctx(), { action: 'TAMPER_TARGET' });
    await expect(sql(`update audit_record set reason = 'rewritten' where action = 'TAMPER_TARGET'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sql(`delete from audit_record where action = 'TAMPER_TARGET'`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql(`truncate audit_record`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await sql(`select reason from audit_record where action = 'TAMPER_TARGET'`)).toEqual([{ reason: null }]);
  });
});

describe('AuditService.list', () => {
  it('pages newest first by keyset and filters by every field', async () => {
    for (let n = 1; n <= 5; n++) {
      clock.advance(1000);
      await recordAudit(ctx(), { action: 'PAGED_ACTION', targetType: 'PAGE', targetId: `p-${n}` });
    }
    const first = await audit.list(ctx(), { action: 'PAGED_ACTION' }, 2, null);
    if ('invalidCursor' in first) throw new Error('unexpected');
    expect(first.records.map((r) => r.targetId)).toEqual(['p-5', 'p-4']);
    const second = await audit.list(ctx(), { action: 'PAGED_ACTION' }, 2, first.nextCursor);
    if ('invalidCursor' in second) throw new Error('unexpected');
    expect(second.records.map((r) => r.targetId)).toEqual(['p-3', 'p-2']);
    const last = await audit.list(ctx(), { action: 'PAGED_ACTION' }, 2, second.nextCursor);
    if ('invalidCursor' in last) throw new Error('unexpected');
    expect(last.records.map((r) => r.targetId)).toEqual(['p-1']);
    expect(last.nextCursor).toBeNull();

    const byTarget = await audit.list(ctx(), { targetType: 'PAGE', targetId: 'p-3' }, 10, null);
    expect('records' in byTarget && byTarget.records.map((r) => r.targetId)).toEqual(['p-3']);
    const p3 = 'records' in byTarget ? byTarget.records[0]!.occurredAt : new Date(0);
    const window = await audit.list(ctx(), { action: 'PAGED_ACTION', occurredFrom: p3, occurredBefore: new Date(p3.getTime() + 2000) }, 10, null);
    expect('records' in window && window.records.map((r) => r.targetId)).toEqual(['p-4', 'p-3']);
    const byActor = await audit.list(ctx(), { actorUsername: 'admin', actorId: admin.id, action: 'PAGED_ACTION' }, 10, null);
    expect('records' in byActor && byActor.records).toHaveLength(5);
    const noSuchActor = await audit.list(ctx(), { actorId: 'not-a-uuid' }, 10, null);
    expect('records' in noSuchActor && noSuchActor.records).toEqual([]);
  });

  it('refuses cursors it did not issue', async () => {
    expect(decodeAuditCursor(encodeAuditCursor('42'))).toBe('42');
    for (const bad of ['', 'abc', Buffer.from('audit:1 or 1=1').toString('base64url'), Buffer.from('audit:-1').toString('base64url')]) {
      expect(await audit.list(ctx(), {}, 10, bad)).toEqual({ invalidCursor: true });
    }
  });
});
