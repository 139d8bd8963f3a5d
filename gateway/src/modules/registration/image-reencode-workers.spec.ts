import { afterAll, describe, expect, it } from 'vitest';
import { inspectImage } from './image-inspection';
import { encodeTestImage } from './image-inspection.testing';
import { reencodeImage } from './image-reencode';
import { ImageReencodeWorkers } from './image-reencode-workers';

function inspected(bytes: Buffer) {
  const result = inspectImage(bytes);
  if (!result.ok) throw new Error(`not an image: ${result.problem}`);
  return result;
}

describe('ImageReencodeWorkers', () => {
  const workers = new ImageReencodeWorkers(1);
  afterAll(() => workers.close());

  it('answers what reencodeImage answers on the calling thread, for JPEG, PNG and a corrupt file', async () => {
    const jpegImage = inspected(encodeTestImage('image/jpeg', { width: 160, height: 120 }));
    const pngImage = inspected(encodeTestImage('image/png', { width: 40, height: 30 }));
    const corrupt = { ...jpegImage, stripped: Buffer.concat([jpegImage.stripped.subarray(0, 400), Buffer.alloc(200, 0x55), jpegImage.stripped.subarray(600)]) };
    expect(reencodeImage(corrupt)).toEqual({ ok: false, problem: 'CORRUPT' });
    for (const image of [jpegImage, pngImage, corrupt]) {
      const inWorker = await workers.reencode(image);
      const here = reencodeImage(image);
      expect(inWorker.ok).toBe(here.ok);
      if (inWorker.ok && here.ok) {
        expect(Buffer.isBuffer(inWorker.bytes)).toBe(true);
        expect(inWorker.bytes.equals(here.bytes)).toBe(true);
      } else {
        expect(inWorker).toEqual(here);
      }
    }
  });

  it('keeps the calling thread free while a large image is re-encoded', async () => {
    const image = inspected(encodeTestImage('image/jpeg', { width: 1600, height: 1200 }));
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const result = await workers.reencode(image);
    const finished = performance.now();
    clearInterval(ticker);
    longestGap = Math.max(longestGap, finished - last);
    const took = finished - started;
    expect(result.ok).toBe(true);
    // On the calling thread the timer could not fire at all while the image was worked on.
    expect(took).toBeGreaterThan(100);
    expect(longestGap).toBeLessThan(took / 3);
  });

  it('queues images for its workers, and replaces a worker that died (failing only its own image)', async () => {
    const image = inspected(encodeTestImage('image/jpeg', { width: 64, height: 48 }));
    const broken = { contentType: 'image/jpeg' as const, width: 1, height: 1, stripped: undefined as unknown as Buffer };
    const results = await Promise.allSettled([workers.reencode(image), workers.reencode(broken), workers.reencode(image), workers.reencode(image)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.every((r) => r.status === 'rejected' || r.value.ok)).toBe(true);
  });
});
