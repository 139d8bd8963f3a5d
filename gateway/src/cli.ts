import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, MIGRATIONS_PATH } from './orm/orm-config';
import { seedDemoData } from './seed/demo-data';
import { loadConfig } from './config';

const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url).pathname;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(78);
  }
  return url;
}

async function withOrm<T>(fn: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormConfig(databaseUrl(), { pool: { min: 0, max: 2 } }));
  try {
    return await fn(orm);
  } finally {
    await orm.close(true);
  }
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  async migrate() {
    const applied = await withOrm((orm) => orm.getMigrator().up());
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
    return 0;
  },
  async seed() {
    await withOrm((orm) => seedDemoData(orm.em.fork(), new Date()));
    // After the demo data: reviewer accounts name registration units, which must exist.
    const opsCreated = await withOrm(async (orm) => (await import('./modules/ops/ops-cli')).seedDemoOpsCommand(orm));
    if (opsCreated.length) console.log(`demo ops accounts created: ${opsCreated.join(', ')} (see \`dev-ops-credentials\`)`);
    const { seedDemoCandidate } = await import('./modules/account/demo-candidate');
    if (await withOrm((orm) => seedDemoCandidate(orm, loadConfig()))) console.log('demo candidate created');
    console.log('demo data present');
    return 0;
  },
  async 'create-ops-account'(args) {
    return withOrm(async (orm) => (await import('./modules/ops/ops-cli')).createOpsAccountCommand(orm, args));
  },
  async 'demo-credentials'() {
    const { DEMO_CANDIDATE } = await import('./modules/account/demo-candidate');
    console.log(`candidate  ${DEMO_CANDIDATE.name}  证件号码 ${DEMO_CANDIDATE.documentNumber} or 手机号 ${DEMO_CANDIDATE.phone}  密码 ${DEMO_CANDIDATE.password}`);
    return (await import('./modules/ops/ops-cli')).devOpsCredentialsCommand();
  },
  async 'dev-ops-credentials'() {
    return (await import('./modules/ops/ops-cli')).devOpsCredentialsCommand();
  },
  async 'emit-schema'(args) {
    const { printGatewaySchema } = await import('./graphql/schema');
    const text = await printGatewaySchema();
    if (args.includes('--check')) {
      const committed = readFileSync(SCHEMA_FILE, 'utf8');
      if (committed !== text) {
        console.error('gateway/schema.graphql is out of date: run `npm run schema:emit -w @ccap/gateway` and commit it');
        return 1;
      }
      console.log('schema.graphql is up to date');
      return 0;
    }
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
    return 0;
  },
  async 'create-migration'(args) {
    const result = await withOrm((orm) => orm.getMigrator().createMigration(MIGRATIONS_PATH, false, false, args[0]));
    if (!result.fileName) {
      console.log('entities and migrations agree: nothing to create');
      return 0;
    }
    console.log(`created ${result.fileName}: add it to src/orm/migrations/index.ts`);
    return 0;
  },
};

const [command, ...args] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`usage: cli.ts <${Object.keys(commands).join('|')}>`);
  process.exit(64);
}
run(args).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
