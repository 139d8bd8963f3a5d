import pg from 'pg';

/** The same server, another database: keeps credentials, host and options of `url`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withAdminClient(adminUrl, async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  if (!SAFE_NAME.test(name) || (template && !SAFE_NAME.test(template))) throw new Error(`unsafe database name ${name}`);
  await withAdminClient(adminUrl, (c) => c.query(`create database "${name}"${template ? ` template "${template}"` : ''}`));
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  await withAdminClient(adminUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
}
