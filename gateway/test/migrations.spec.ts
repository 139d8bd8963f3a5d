import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printGatewaySchema } from '../src/graphql/schema';
import { unlistedMigrationFiles } from '../src/orm/migration-files';
import { ormConfig } from '../src/orm/orm-config';
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

describe('schema.graphql', () => {
  it('is the schema the gateway serves (run `npm run schema:emit -w @ccap/gateway` after changing the API)', async () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await printGatewaySchema()).toBe(committed);
  });
});
