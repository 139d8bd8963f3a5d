/**
 * Every ```graphql block of gateway/README.md (the Operations guide) must be valid against the schema
 * the gateway serves: staff copy them into the explorer as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../src/graphql/schema';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README operations guide', () => {
  it('has the examples staff need', () => {
    const text = blocks.join('\n');
    for (const field of ['opsLogin', 'setExamUnitWindows', 'setRegistrationPointCapacity', 'approveApplications', 'paymentOrders', 'applicationStatistics', 'auditRecords', 'createOpsAccount', 'opsAccounts', 'deleteRegistrationPoint', 'maskedDocumentNumber', 'realNameReviews', 'approveRealNameVerifications', 'rejectRealNameVerification']) {
      expect(text, field).toContain(field === 'maskedDocumentNumber' ? `${field}:` : `${field}(`);
    }
    expect(readme).toContain('/api/ops/exports/applications.csv?examId=');
    expect(readme).toContain('/api/ops/exports/applications.xlsx?examId=');
  });

  it('validates every graphql block against the built schema', async () => {
    const schema = await buildGatewaySchema();
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    const problems: string[] = [];
    for (const block of blocks) {
      try {
        const errors = validate(schema, parse(block));
        for (const e of errors) problems.push(`${e.message}\n${block}`);
      } catch (err) {
        problems.push(`${(err as Error).message}\n${block}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
