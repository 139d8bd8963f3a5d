import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Synthetic but well-formed JPEG and PNG files for tests: every marker, segment length and chunk
 * is as a real encoder writes them; the compressed data is filler (nothing here decodes pixels).
 */

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 0xff;
  header[1] = marker;
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** A TIFF/EXIF payload (for APP1) with Make = `make` and, when given, the orientation. */
export function exifPayload(make: string, orientation?: number): Buffer {
  const entries: Buffer[] = [];
  const makeBytes = Buffer.from(`${make}\0`, 'latin1');
  const count = orientation === undefined ? 1 : 2;
  const dataOffset = 8 + 2 + count * 12 + 4;
  const makeEntry = Buffer.alloc(12);
  makeEntry.writeUInt16LE(0x010f, 0); // Make
  makeEntry.writeUInt16LE(2, 2); // ASCII
  makeEntry.writeUInt32LE(makeBytes.length, 4);
  makeEntry.writeUInt32LE(dataOffset, 8);
  entries.push(makeEntry);
  if (orientation !== undefined) {
    const entry = Buffer.alloc(12);
    entry.writeUInt16LE(0x0112, 0);
    entry.writeUInt16LE(3, 2);
    entry.writeUInt32LE(1, 4);
    entry.writeUInt16LE(orientation, 8);
    entries.push(entry);
  }
  const head = Buffer.alloc(10);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(count, 8);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), head, ...entries, Buffer.alloc(4), makeBytes]);
}

export interface JpegOptions {
  width: number;
  height: number;
  /** Bytes of (filler) compressed data; the file is a little larger. */
  dataBytes?: number;
  /** Adds an EXIF APP1 naming this camera (and GPS-like text) that must not survive stripping. */
  exifMake?: string;
  exifOrientation?: number;
  comment?: string;
  /** Bytes appended after the end-of-image marker. */
  trailing?: Buffer;
  /** Progressive (SOF2) instead of baseline (SOF0). */
  progressive?: boolean;
}

export function makeJpeg(options: JpegOptions): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  parts.push(segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00])));
  if (options.exifMake !== undefined || options.exifOrientation !== undefined) {
    parts.push(segment(0xe1, exifPayload(options.exifMake ?? 'Camera', options.exifOrientation)));
  }
  if (options.comment) parts.push(segment(0xfe, Buffer.from(options.comment, 'utf8')));
  parts.push(segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])));
  const frame = Buffer.alloc(15);
  frame[0] = 8;
  frame.writeUInt16BE(options.height, 1);
  frame.writeUInt16BE(options.width, 3);
  frame[5] = 3;
  frame.set([0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01], 6);
  parts.push(segment(options.progressive ? 0xc2 : 0xc0, frame));
  parts.push(segment(0xc4, Buffer.concat([Buffer.from([0x00]), Buffer.from([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])])));
  parts.push(segment(0xda, Buffer.from([0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00])));
  // Filler scan data: 0xFF appears only stuffed (FF 00), with a restart marker in the middle, as encoders write.
  const size = options.dataBytes ?? 12_000;
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 7919 + 13) % 255;
  const half = Math.floor(size / 2);
  parts.push(data.subarray(0, half), Buffer.from([0xff, 0x00, 0xff, 0xd0]), data.subarray(half));
  parts.push(Buffer.from([0xff, 0xd9]));
  if (options.trailing) parts.push(options.trailing);
  return Buffer.concat(parts);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function makePng(options: { width: number; height: number; text?: string; dataBytes?: number; trailing?: Buffer }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(options.width, 0);
  ihdr.writeUInt32BE(options.height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(options.text ? [pngChunk('tEXt', Buffer.from(`Author\0${options.text}`, 'latin1'))] : []),
    pngChunk('IDAT', Buffer.alloc(options.dataBytes ?? 2_000, 7)),
    pngChunk('IEND', Buffer.alloc(0)),
    ...(options.trailing ? [options.trailing] : []),
  ]);
}

/**
 * A real, decodable picture (jpeg-js / pngjs encode a colour gradient with some noise): what
 * re-encoding needs, since the files above only look like images. `exifMake` and `trailing` add
 * metadata and appended bytes as makeJpeg does.
 */
export function encodeTestImage(
  type: 'image/jpeg' | 'image/png',
  options: { width: number; height: number; exifMake?: string; trailing?: Buffer; seed?: number },
): Buffer {
  const { width, height } = options;
  const data = Buffer.alloc(width * height * 4);
  let noise = options.seed ?? 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      noise = (noise * 1103515245 + 12345) & 0x7fffffff;
      const i = (y * width + x) * 4;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = noise & 0x3f;
      data[i + 3] = 255;
    }
  }
  let bytes: Buffer = type === 'image/jpeg' ? jpeg.encode({ width, height, data }, 90).data : PNG.sync.write(Object.assign(new PNG({ width, height }), { data }));
  if (options.exifMake !== undefined) {
    bytes =
      type === 'image/jpeg'
        ? Buffer.concat([bytes.subarray(0, 2), segment(0xe1, exifPayload(options.exifMake)), bytes.subarray(2)])
        : Buffer.concat([bytes.subarray(0, 33), pngChunk('tEXt', Buffer.from(`Author\0${options.exifMake}`, 'latin1')), bytes.subarray(33)]);
  }
  return options.trailing ? Buffer.concat([bytes, options.trailing]) : bytes;
}
