import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './storage-provider';

describe('LocalDiskStorage', () => {
  const root = mkdtempSync(join(tmpdir(), 'ccap-storage-'));
  const storage = new LocalDiskStorage(root);

  it('stores, opens and deletes by server-generated key, leaving no partial files', async () => {
    const key = storage.newKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    await storage.put(key, Buffer.from('hello'));
    const file = await storage.open(key);
    expect(file?.size).toBe(5);
    expect(await text(file!.stream)).toBe('hello');
    expect(readdirSync(join(root, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
    await storage.delete(key);
    await storage.delete(key); // already gone: fine
    expect(await storage.open(key)).toBeNull();
  });

  it('refuses keys it did not make, so no path can be smuggled in', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow('not a storage key');
    await expect(storage.open('0123456789abcdef0123456789abcdef/../x')).rejects.toThrow('not a storage key');
  });
});
