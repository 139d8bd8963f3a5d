import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import * as clientPreset from '@graphql-codegen/client-preset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCodegen } from './check-codegen.mjs';

const root = mkdtempSync(join(tmpdir(), 'ccap-codegen-'));
// The preset is passed as a module: the temporary folder has no node_modules to find 'client' in.
const config = {
  schema: join(root, 'schema.graphql'),
  generates: {
    'src/generated/': {
      preset: clientPreset.preset,
      documents: [join(root, 'src/**/*.ts'), `!${join(root, 'src/generated/**')}`],
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true },
    },
  },
};
const operation = (field) => `import { graphql } from './generated';\nexport const Q = graphql(\`query Q { ${field} }\`);\n`;

beforeAll(async () => {
  writeFileSync(join(root, 'schema.graphql'), 'type Query { hello: String! }\n');
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'src/ops.ts'), operation('hello'));
  await generate({ ...config, cwd: root, silent: true }, true);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkCodegen', () => {
  it('passes when the generated files match', async () => {
    expect(await checkCodegen({ root, config })).toMatchObject({ ok: true, stale: [], missing: [], extra: [] });
  });

  it('reports a stale generated file without touching it', async () => {
    appendFileSync(join(root, 'src/generated/graphql.ts'), '\n// edited by hand\n');
    const result = await checkCodegen({ root, config });
    expect(result.ok).toBe(false);
    expect(result.stale).toEqual(['src/generated/graphql.ts']);
    await generate({ ...config, cwd: root, silent: true }, true);
  });

  it('reports files codegen no longer produces', async () => {
    writeFileSync(join(root, 'src/generated/leftover.ts'), 'export {};\n');
    const result = await checkCodegen({ root, config });
    expect(result.extra).toEqual(['src/generated/leftover.ts']);
    rmSync(join(root, 'src/generated/leftover.ts'));
  });

  it('fails with the validation error when an operation does not match the schema', async () => {
    writeFileSync(join(root, 'src/ops.ts'), operation('goodbye'));
    const result = await checkCodegen({ root, config });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Cannot query field "goodbye" on type "Query"/);
    writeFileSync(join(root, 'src/ops.ts'), operation('hello'));
  });
});
