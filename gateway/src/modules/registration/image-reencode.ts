import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { orientationOnlyApp1, readExifOrientation, type InspectedImage } from './image-inspection';

/**
 * Decodes a checked, stripped image to pixels and encodes it anew (pure JS: jpeg-js, pngjs), so that
 * nothing of the uploaded file but its pixels is stored: no metadata stripping could miss (vendor
 * segments, ICC profiles with text, polyglot payloads hidden in the compressed data), no crafted
 * structure reaches whoever opens it later. The EXIF orientation is carried over as the only
 * metadata (it changes how the picture looks). Limits bound the memory one upload can take.
 */
export const REENCODE_MAX_MEGAPIXELS = 40;
const REENCODE_MAX_MEMORY_MB = 512;
const JPEG_QUALITY = 90;

export type ReencodeResult = { ok: true; bytes: Buffer } | { ok: false; problem: 'CORRUPT' | 'TOO_MANY_PIXELS' };

export type ReencodableImage = Pick<InspectedImage, 'contentType' | 'width' | 'height' | 'stripped'>;

/** Runs on the calling thread: the gateway calls it through ImageReencodeWorkers (image-reencode-workers.ts). */
export function reencodeImage(image: ReencodableImage): ReencodeResult {
  if ((image.width * image.height) / 1_000_000 > REENCODE_MAX_MEGAPIXELS) return { ok: false, problem: 'TOO_MANY_PIXELS' };
  try {
    return { ok: true, bytes: image.contentType === 'image/jpeg' ? reencodeJpeg(image.stripped) : reencodePng(image.stripped) };
  } catch {
    // Parsed as a whole file but its compressed data does not decode: a broken or crafted file.
    return { ok: false, problem: 'CORRUPT' };
  }
}

function reencodeJpeg(bytes: Buffer): Buffer {
  const pixels = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: REENCODE_MAX_MEGAPIXELS, maxMemoryUsageInMB: REENCODE_MAX_MEMORY_MB });
  const encoded = jpeg.encode({ width: pixels.width, height: pixels.height, data: pixels.data }, JPEG_QUALITY).data;
  const orientation = orientationOf(bytes);
  if (orientation === 1) return encoded;
  // After SOI and the encoder's APP0 (JFIF), as cameras write it.
  const afterApp0 = 4 + encoded.readUInt16BE(4);
  return Buffer.concat([encoded.subarray(0, afterApp0), orientationOnlyApp1(orientation), encoded.subarray(afterApp0)]);
}

/** The orientation the stripped file kept (its only APP1, if any). */
function orientationOf(bytes: Buffer): number {
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = bytes.readUInt16BE(pos + 2);
    if (marker === 0xe1) return readExifOrientation(bytes.subarray(pos + 4, pos + 2 + length)) ?? 1;
    pos += 2 + length;
  }
  return 1;
}

function reencodePng(bytes: Buffer): Buffer {
  const decoded = PNG.sync.read(bytes);
  // 8-bit RGBA, no ancillary chunks at all.
  return PNG.sync.write(decoded, { colorType: 6 });
}
