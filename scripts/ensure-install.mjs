// Both top-level commands start here: install dependencies when node_modules is missing or was
// installed from another lockfile, so that a fresh clone needs no step before `npm start`/`npm test`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const WORKSPACES = ['gateway', 'mf-shell', 'mf-account', 'mf-exam', 'mf-payment'];

// What `npm ci` installs from: the lockfile and the manifests' dependency fields. Editing a script in a
// package.json must not cost a reinstall.
const INSTALL_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'workspaces', 'allowScripts'];

function installFingerprint(root) {
  const hash = createHash('sha256');
  const lockfile = join(root, 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  for (const file of ['package.json', ...WORKSPACES.map((w) => join(w, 'package.json'))]) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    hash.update(file).update(JSON.stringify(INSTALL_FIELDS.map((field) => manifest[field] ?? null)));
  }
  return hash.digest('hex');
}

export function ensureInstalled(root) {
  const stampFile = join(root, 'node_modules', '.ccap-install-fingerprint');
  const fingerprint = installFingerprint(root);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) return;
  console.log(existsSync(join(root, 'node_modules')) ? '» dependencies changed: npm ci' : '» first run: npm ci');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed; see the output above');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, fingerprint);
}
