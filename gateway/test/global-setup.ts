import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, withDatabase } from '../src/orm/database-admin';
import { ormConfig } from '../src/orm/orm-config';
// @ts-expect-error plain ESM helper shared with `npm start`
import { freePort, startEmbeddedPostgres } from '../../scripts/embedded-db.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run (the embedded one unless DATABASE_URL is set) and one migrated
 * template database; every test file clones the template (CREATE DATABASE … TEMPLATE, tens of ms).
 */
export default async function setup(project: TestProject) {
  let embedded: { adminUrl: string; stop(): Promise<void> } | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), 'ccap-test-pg-')),
      port: await freePort(),
      throwaway: true,
    });
    adminUrl = embedded!.adminUrl;
  }
  const templateDatabase = `ccap_tpl_${process.pid}`;
  await dropDatabase(adminUrl!, templateDatabase);
  await createDatabase(adminUrl!, templateDatabase);
  const orm = await MikroORM.init(ormConfig(withDatabase(adminUrl!, templateDatabase), { pool: { min: 0, max: 1 } }));
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
  project.provide('adminDatabaseUrl', adminUrl!);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await dropDatabase(adminUrl!, templateDatabase);
    await embedded?.stop();
  };
}
