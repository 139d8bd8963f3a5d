/**
 * Command-line side of ops accounts (see src/cli.ts): staff accounts are created on the server by
 * someone with shell access, never through the API.
 */
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '../../config';
import { systemClock, type RequestContext } from '../../graphql/context';
import { createLoaders } from '../../graphql/loaders';
import { createLogger } from '../../logger';
import { LoginThrottleService } from '../account/login-throttle.service';
import { PasswordHasher } from '../account/password-hasher';
import { PiiProtector } from '../account/pii-protector';
import type { AuditActor } from '../audit/audit.service';
import { OpsAuthService } from './ops-auth.service';
import { OPS_ROLES } from './ops-account.entity';
import { demoOpsCredentials, seedDemoOpsAccounts } from './ops-demo-accounts';
import type { OpsRole } from './ops-principal';
import { OpsSessionService } from './ops-session.service';
import { base32Encode, otpauthUrl } from './totp';

export const CREATE_OPS_ACCOUNT_USAGE =
  'usage: cli.ts create-ops-account <username> --role ADMIN|REVIEWER [--units 110000,310000] [--password-stdin]';

/** Whoever runs the CLI, as the audit trail records it. */
export function systemActor(): AuditActor {
  return { type: 'SYSTEM', id: null, username: (process.env.SUDO_USER ?? process.env.USER ?? '').slice(0, 64) || null, role: null };
}

/** A request context for work done from the shell. */
export function cliContext(orm: MikroORM): RequestContext {
  const em = orm.em.fork();
  return {
    requestId: `cli-${randomBytes(6).toString('hex')}`,
    em,
    db: em,
    logger: createLogger('silent'),
    clock: systemClock,
    ip: 'local',
    userAgent: 'cli',
    viewer: null,
    ops: null,
    loaders: createLoaders(em),
    responseCookies: [],
  };
}

function opsAuthService(config: AppConfig): OpsAuthService {
  return new OpsAuthService({
    pii: new PiiProtector(config.pii),
    passwords: new PasswordHasher(),
    sessions: new OpsSessionService(config.ops.session),
    loginThrottle: new LoginThrottleService(),
    clientMaxFailures: config.ops.ipMaxFailures,
  });
}

export interface CreateOpsAccountArgs {
  username: string;
  role: OpsRole;
  unitCodes: string[];
  passwordFromStdin: boolean;
}

export function parseCreateOpsAccountArgs(args: string[]): CreateOpsAccountArgs | string {
  const [username, ...rest] = args;
  if (!username || username.startsWith('--')) return CREATE_OPS_ACCOUNT_USAGE;
  let role: string | undefined;
  let units = '';
  let passwordFromStdin = false;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--role') role = rest[++i];
    else if (flag === '--units') units = rest[++i] ?? '';
    else if (flag === '--password-stdin') passwordFromStdin = true;
    else return `unknown argument ${flag}\n${CREATE_OPS_ACCOUNT_USAGE}`;
  }
  const upperRole = role?.toUpperCase();
  if (!upperRole || !OPS_ROLES.includes(upperRole as OpsRole)) return `--role must be ADMIN or REVIEWER\n${CREATE_OPS_ACCOUNT_USAGE}`;
  return { username, role: upperRole as OpsRole, unitCodes: units.split(',').map((u) => u.trim()).filter(Boolean), passwordFromStdin };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        typed = char === '\u007f' || char === '\b' ? Array.from(typed).slice(0, -1).join('') : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(fromStdin: boolean): Promise<string | null> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) return null;
  const first = await promptHidden('Password (at least 12 characters, 3 of upper/lower/digit/symbol): ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) {
    console.error('the passwords differ');
    return null;
  }
  return first;
}

export async function createOpsAccountCommand(orm: MikroORM, args: string[]): Promise<number> {
  const parsed = parseCreateOpsAccountArgs(args);
  if (typeof parsed === 'string') {
    console.error(parsed);
    return 64;
  }
  const password = await readPassword(parsed.passwordFromStdin);
  if (password === null) {
    console.error('no password: run in a terminal, or pipe it with --password-stdin');
    return 64;
  }
  const config = loadConfig();
  const result = await opsAuthService(config).createAccount(cliContext(orm), { username: parsed.username, password, role: parsed.role, unitCodes: parsed.unitCodes }, systemActor());
  if (!result.ok) {
    console.error(`${result.errorCode}: ${result.message}`);
    return 1;
  }
  const secret = base32Encode(result.totpSecret);
  console.log(`created ops account ${result.username} (${parsed.role}${parsed.unitCodes.length ? `, units ${parsed.unitCodes.join(',')}` : ''})`);
  console.log('');
  console.log('TOTP secret — shown once, only its ciphertext is stored. Give it to the staff member in person:');
  console.log(`  ${secret.match(/.{1,4}/g)!.join(' ')}`);
  console.log(`  ${otpauthUrl(result.totpSecret, { issuer: 'CCAP Ops', accountName: result.username })}`);
  return 0;
}

/** `seed`: the demo ops accounts, outside production only. */
export async function seedDemoOpsCommand(orm: MikroORM): Promise<string[]> {
  // Decided before loading the configuration: production needs keys this command has no use for.
  if (process.env.NODE_ENV === 'production') return [];
  const config = loadConfig();
  return seedDemoOpsAccounts(cliContext(orm), opsAuthService(config), config.env, systemActor());
}

export function devOpsCredentialsCommand(): number {
  if (process.env.NODE_ENV === 'production') {
    console.error('there are no demo ops accounts in production');
    return 1;
  }
  const credentials = demoOpsCredentials(new Date());
  console.log(`Explorer sign-in (development only), TOTP code ${credentials.totp} for ${credentials.totpValidForSeconds}s, then ${credentials.nextTotp}:`);
  for (const account of credentials.accounts) console.log(`  ${account.username.padEnd(12)} ${account.password.padEnd(18)} ${account.description}`);
  console.log(`  TOTP secret (add to an authenticator app): ${credentials.totpSecret}`);
  return 0;
}
