import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../graphql/context';
import { requireOpsRole, type OpsPrincipal } from './ops-principal';

const ctxWith = (ops: OpsPrincipal | null) => ({ ops }) as RequestContext;
const reviewer: OpsPrincipal = { id: 'r', username: 'r', roles: ['REVIEWER'], unitCodes: ['110000'] };
const admin: OpsPrincipal = { id: 'a', username: 'a', roles: ['ADMIN'], unitCodes: [] };

describe('requireOpsRole', () => {
  it('refuses anonymous callers and candidates as UNAUTHENTICATED', () => {
    expect(() => requireOpsRole(ctxWith(null), 'REVIEWER')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });
  it('scopes reviewers to their units', () => {
    expect(requireOpsRole(ctxWith(reviewer), 'REVIEWER', '110000')).toBe(reviewer);
    expect(() => requireOpsRole(ctxWith(reviewer), 'REVIEWER', '310000')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
  });
  it('keeps admin operations from reviewers and lets admins act on every unit', () => {
    expect(() => requireOpsRole(ctxWith(reviewer), 'ADMIN')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(requireOpsRole(ctxWith(admin), 'REVIEWER', '310000')).toBe(admin);
  });
});
