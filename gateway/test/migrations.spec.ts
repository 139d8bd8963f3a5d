import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printGatewaySchema } from '../src/graphql/schema';
import { unlistedMigrationFiles } from '../src/orm/migration-files';
import { ormConfig } from '../src/orm/orm-config';
import { loadPiiKeys } from '../src/config';
import { maskedDocumentLookup } from '../src/modules/account/masked-document-number';
import { PiiProtector } from '../src/modules/account/pii-protector';
import { createDatabase, dropDatabase, withDatabase } from '../src/orm/database-admin';
import { migrationsList } from '../src/orm/migrations/index';
import { createTestDatabase, type TestDatabase } from './support';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 2 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

describe('migrations', () => {
  it('lists every migration file so that it runs', () => {
    expect(unlistedMigrationFiles()).toEqual([]);
  });

  it('agree with the entities: a migrated database needs no further migration', async () => {
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
  });

  it('detect drift when the database and the entities disagree', async () => {
    await orm.em.getConnection().execute('alter table exam_unit drop column notice_url');
    expect(await orm.getMigrator().checkMigrationNeeded()).toBe(true);
  });
});

describe('masked document lookup migration', () => {
  it('backfills every existing account with the keyed hash of its masked number, in batches', async () => {
    const adminUrl = inject('adminDatabaseUrl');
    const name = `ccap_mig_${process.pid}_${Date.now()}`;
    await createDatabase(adminUrl, name);
    const older = await MikroORM.init(ormConfig(withDatabase(adminUrl, name), { pool: { min: 0, max: 2 } }));
    try {
      const index = migrationsList.findIndex((m) => m.name === 'Migration20261202071833_masked_document_lookup');
      await older.getMigrator().up({ to: migrationsList[index - 1]!.name });
      // Accounts of before the migration, with the keys the migration reads from the environment.
      const pii = new PiiProtector(loadPiiKeys());
      const numbers = Array.from({ length: 1_203 }, (_, i) => `1101051990030${String(i).padStart(5, '0')}`);
      const rows = numbers.map((n, i) => [pii.encrypt('DOCUMENT_NUMBER', n).toString('hex'), pii.lookupHash('DOCUMENT_NUMBER', n).toString('hex'), `138${String(i).padStart(8, '0')}`]);
      await older.em.getConnection().execute(
        `insert into candidate_account (id, document_type, document_number_encrypted, document_number_lookup, name, phone_encrypted, phone_lookup, password_hash, created_at, updated_at)
         select gen_random_uuid(), 'RESIDENT_ID', decode(r->>0, 'hex'), decode(r->>1, 'hex'), '考生', decode(r->>0, 'hex'), decode(md5(r->>2), 'hex'), 'x', now(), now()
           from jsonb_array_elements(?::jsonb) as r`,
        [JSON.stringify(rows)],
      );
      await older.getMigrator().up();
      const stored = await older.em.getConnection().execute<Array<{ document_number_encrypted: Buffer; document_number_masked_lookup: Buffer | null }>>(
        `select document_number_encrypted, document_number_masked_lookup from candidate_account`,
      );
      expect(stored).toHaveLength(numbers.length);
      const wrong = stored.filter(
        (r) => !r.document_number_masked_lookup?.equals(maskedDocumentLookup(pii, pii.decrypt('DOCUMENT_NUMBER', r.document_number_encrypted))),
      );
      expect(wrong).toHaveLength(0);
    } finally {
      await older.close(true);
      await dropDatabase(adminUrl, name);
    }
  }, 60_000);
});

describe('schema.graphql', () => {
  it('is the schema the gateway serves (run `npm run schema:emit -w @ccap/gateway` after changing the API)', async () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await printGatewaySchema()).toBe(committed);
  });
});
