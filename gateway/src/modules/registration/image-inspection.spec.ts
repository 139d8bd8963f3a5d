import { describe, expect, it } from 'vitest';
import { inspectImage, orientationOnlyApp1, readExifOrientation, sniffImageType } from './image-inspection';
import { exifPayload, makeJpeg, makePng } from './image-inspection.testing';

describe('sniffImageType', () => {
  it('goes by the bytes, not by what a file claims to be', () => {
    expect(sniffImageType(makeJpeg({ width: 10, height: 10 }))).toBe('image/jpeg');
    expect(sniffImageType(makePng({ width: 10, height: 10 }))).toBe('image/png');
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('inspectImage: JPEG', () => {
  it('reads the pixel size from the start-of-frame header, baseline and progressive', () => {
    expect(inspectImage(makeJpeg({ width: 295, height: 413 }))).toMatchObject({ ok: true, contentType: 'image/jpeg', width: 295, height: 413 });
    expect(inspectImage(makeJpeg({ width: 1200, height: 1600, progressive: true }))).toMatchObject({ ok: true, width: 1200, height: 1600 });
  });

  it('drops EXIF, comments and anything after the end of the image, and keeps the picture data', () => {
    const plain = makeJpeg({ width: 300, height: 420 });
    const tagged = makeJpeg({ width: 300, height: 420, exifMake: 'SecretCam GPS 39.9042N 116.4074E', comment: '张三 的照片', trailing: Buffer.from('PK\x03\x04 zip') });
    const result = inspectImage(tagged);
    if (!result.ok) throw new Error('expected ok');
    expect(result.stripped.includes(Buffer.from('SecretCam'))).toBe(false);
    expect(result.stripped.includes(Buffer.from('张三', 'utf8'))).toBe(false);
    expect(result.stripped.includes(Buffer.from('PK\x03\x04'))).toBe(false);
    // What remains is byte for byte the file an encoder would have written without the metadata.
    expect(result.stripped.equals(plain)).toBe(true);
    expect(result.stripped.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('keeps the orientation (only) and reports the size as displayed', () => {
    const rotated = inspectImage(makeJpeg({ width: 500, height: 400, exifMake: 'Phone', exifOrientation: 6 }));
    if (!rotated.ok) throw new Error('expected ok');
    expect([rotated.width, rotated.height]).toEqual([400, 500]);
    expect(rotated.stripped.includes(Buffer.from('Phone'))).toBe(false);
    expect(rotated.stripped.includes(orientationOnlyApp1(6))).toBe(true);
    const upright = inspectImage(makeJpeg({ width: 500, height: 400, exifOrientation: 1 }));
    expect(upright.ok && upright.stripped.includes(Buffer.from('Exif'))).toBe(false);
  });

  it('reads orientation from little- and big-endian EXIF', () => {
    expect(readExifOrientation(exifPayload('X', 8))).toBe(8);
    expect(readExifOrientation(orientationOnlyApp1(3).subarray(4))).toBe(3);
    expect(readExifOrientation(Buffer.from('http://ns.adobe.com/xap/1.0/\0<x/>'))).toBeUndefined();
  });

  it('refuses truncated and malformed files', () => {
    const good = makeJpeg({ width: 300, height: 420 });
    expect(inspectImage(good.subarray(0, good.length - 2))).toEqual({ ok: false, problem: 'CORRUPT' });
    expect(inspectImage(good.subarray(0, 200))).toEqual({ ok: false, problem: 'CORRUPT' });
    const zeroWidth = makeJpeg({ width: 0, height: 420 });
    expect(inspectImage(zeroWidth)).toEqual({ ok: false, problem: 'CORRUPT' });
    const badLength = Buffer.from(good);
    badLength.writeUInt16BE(0xffff, 4); // APP0 length far past the end
    expect(inspectImage(badLength)).toEqual({ ok: false, problem: 'CORRUPT' });
    expect(inspectImage(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toEqual({ ok: false, problem: 'CORRUPT' });
  });
});

describe('inspectImage: PNG', () => {
  it('reads IHDR and drops text chunks and trailing bytes', () => {
    const plain = makePng({ width: 800, height: 600 });
    const result = inspectImage(makePng({ width: 800, height: 600, text: 'Zhang San, GPS', trailing: Buffer.from('<?php') }));
    if (!result.ok) throw new Error('expected ok');
    expect([result.contentType, result.width, result.height]).toEqual(['image/png', 800, 600]);
    expect(result.stripped.equals(plain)).toBe(true);
  });

  it('refuses a PNG without image data or cut short', () => {
    const good = makePng({ width: 8, height: 8 });
    expect(inspectImage(good.subarray(0, good.length - 12))).toEqual({ ok: false, problem: 'CORRUPT' });
  });
});
