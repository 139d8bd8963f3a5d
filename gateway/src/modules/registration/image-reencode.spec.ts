import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { inspectImage, orientationOnlyApp1 } from './image-inspection';
import { encodeTestImage, makeJpeg } from './image-inspection.testing';
import { reencodeImage } from './image-reencode';

function inspected(bytes: Buffer) {
  const result = inspectImage(bytes);
  if (!result.ok) throw new Error(`not an image: ${result.problem}`);
  return result;
}

describe('reencodeImage', () => {
  it('stores a new JPEG with the same pixels (within JPEG loss) and nothing of the original file structure', () => {
    // A payload inside a COM segment the stripper keeps no trace of, and one hidden in an APP15 segment it keeps.
    const original = encodeTestImage('image/jpeg', { width: 120, height: 80, exifMake: 'SecretCam' });
    const app15 = Buffer.concat([Buffer.from([0xff, 0xef, 0x00, 0x12]), Buffer.from('<?php evil(); ?>')]);
    const smuggled = Buffer.concat([original.subarray(0, 2), app15, original.subarray(2)]);
    const image = inspected(smuggled);
    expect(image.stripped.includes(Buffer.from('<?php'))).toBe(true); // stripping alone keeps unknown segments
    const result = reencodeImage(image);
    if (!result.ok) throw new Error(result.problem);
    expect(result.bytes.includes(Buffer.from('<?php'))).toBe(false);
    expect(result.bytes.includes(Buffer.from('SecretCam'))).toBe(false);
    expect(result.bytes.equals(image.stripped)).toBe(false);
    const before = jpeg.decode(image.stripped, { useTArray: true });
    const after = jpeg.decode(result.bytes, { useTArray: true });
    expect([after.width, after.height]).toEqual([120, 80]);
    let diff = 0;
    for (let i = 0; i < before.data.length; i++) diff += Math.abs(before.data[i]! - after.data[i]!);
    expect(diff / before.data.length).toBeLessThan(8);
  });

  it('keeps the orientation as the only EXIF', () => {
    const upright = encodeTestImage('image/jpeg', { width: 64, height: 48 });
    const rotated = Buffer.concat([upright.subarray(0, 2), orientationOnlyApp1(6), upright.subarray(2)]);
    const result = reencodeImage(inspected(rotated));
    if (!result.ok) throw new Error(result.problem);
    expect(result.bytes.includes(orientationOnlyApp1(6))).toBe(true);
    expect(inspected(result.bytes)).toMatchObject({ width: 48, height: 64 });
  });

  it('writes a PNG with the same pixels and no text chunks', () => {
    const original = encodeTestImage('image/png', { width: 50, height: 40, exifMake: 'Scanner serial 123' });
    const result = reencodeImage(inspected(original));
    if (!result.ok) throw new Error(result.problem);
    expect(result.bytes.includes(Buffer.from('Scanner'))).toBe(false);
    expect(Buffer.from(PNG.sync.read(result.bytes).data).equals(Buffer.from(PNG.sync.read(original).data))).toBe(true);
  });

  it('refuses what parses but does not decode, and pictures too large to decode safely', () => {
    expect(reencodeImage(inspected(makeJpeg({ width: 300, height: 420 })))).toEqual({ ok: false, problem: 'CORRUPT' });
    expect(reencodeImage({ contentType: 'image/jpeg', width: 10_000, height: 10_000, stripped: Buffer.alloc(10) })).toEqual({ ok: false, problem: 'TOO_MANY_PIXELS' });
  });
});
