import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from './migrations/index';

export const MIGRATIONS_PATH = new URL('./migrations/', import.meta.url).pathname;

export function ormConfig(databaseUrl: string, overrides: Partial<Options> = {}) {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    // Every property declares its type, so no reflection is needed (tsx and esbuild emit no metadata).
    discovery: { requireEntitiesArray: true, checkDuplicateEntities: true },
    // A request that forgets to fork must fail loudly instead of sharing the global identity map.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      path: MIGRATIONS_PATH,
      pathTs: MIGRATIONS_PATH,
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
    pool: { min: 0, max: 10 },
    ...overrides,
  });
}
