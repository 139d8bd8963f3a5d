import { readdirSync } from 'node:fs';
import { MIGRATIONS_PATH } from './orm-config';
import { migrationsList } from './migrations/index';

/** Migration files present in the folder but missing from `migrationsList` (so they would never run). */
export function unlistedMigrationFiles(): string[] {
  const listed = new Set(migrationsList.map((m) => m.name));
  return readdirSync(MIGRATIONS_PATH)
    .filter((f) => /^Migration.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .filter((name) => !listed.has(name));
}
