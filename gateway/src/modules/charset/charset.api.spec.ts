import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../../test/support';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const RARE_CHARACTERS = /* GraphQL */ `
  query RareCharacters($query: String!, $first: Int) {
    rareCharacters(query: $query, first: $first) { char codePoint pinyin block }
  }
`;

describe('rareCharacters (API)', () => {
  it('is public: answers without a session, 60 at most by default', async () => {
    const { status, body } = await gw.graphql(RARE_CHARACTERS, { query: 'yan' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.rareCharacters).toHaveLength(60);
    expect(body.data.rareCharacters).toContainEqual({ char: '䶮', codePoint: 'U+4DAE', pinyin: 'yǎn', block: 'CJK Ext A' });
  });

  it('sends astral characters intact through JSON, by code point and pasted', async () => {
    const byCode = await gw.graphql(RARE_CHARACTERS, { query: 'U+20000' });
    expect(byCode.body.data.rareCharacters).toEqual([{ char: '𠀀', codePoint: 'U+20000', pinyin: 'hē', block: 'CJK Ext B' }]);
    const pasted = await gw.graphql(RARE_CHARACTERS, { query: String.fromCodePoint(0x2ebf0), first: null });
    expect(pasted.body.data.rareCharacters).toEqual([
      { char: String.fromCodePoint(0x2ebf0), codePoint: 'U+2EBF0', pinyin: null, block: 'CJK Ext I' },
    ]);
  });

  it('refuses more than 200 results as bad input, in Chinese', async () => {
    const { body } = await gw.graphql(RARE_CHARACTERS, { query: 'yan', first: 1000 });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toBe('每次最多查询200个字');
  });
});
