/**
 * Recognises JPEG and PNG files by their bytes (never by name or declared type), reads their pixel
 * size, and strips metadata (the upload pipeline then re-encodes the pixels, image-reencode.ts):
 * - JPEG: drops APP1 (EXIF, XMP: camera, GPS position, time, thumbnails), APP12, APP13 (IPTC /
 *   Photoshop) and COM segments, and everything after the end-of-image marker (appended payloads).
 *   The EXIF orientation, the one piece of EXIF that changes how the picture looks, is kept as a
 *   minimal APP1 holding nothing else. APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe
 *   colour transform) stay: without them colours change.
 * - PNG: drops tEXt, zTXt, iTXt, eXIf and tIME chunks and anything after IEND.
 * Anything that does not parse as a whole image is refused.
 */

export type ImageType = 'image/jpeg' | 'image/png';

export interface InspectedImage {
  ok: true;
  contentType: ImageType;
  /** As displayed: for EXIF orientations 5–8 (rotated a quarter turn) width and height are swapped. */
  width: number;
  height: number;
  /** The file with metadata removed. */
  stripped: Buffer;
}

export type ImageProblem = 'NOT_AN_IMAGE' | 'CORRUPT';

export type InspectionResult = InspectedImage | { ok: false; problem: ImageProblem };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

export function inspectImage(bytes: Buffer): InspectionResult {
  const type = sniffImageType(bytes);
  if (type === 'image/jpeg') return inspectJpeg(bytes);
  if (type === 'image/png') return inspectPng(bytes);
  return { ok: false, problem: 'NOT_AN_IMAGE' };
}

const CORRUPT = { ok: false, problem: 'CORRUPT' } as const;

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT C4, JPG C8, DAC CC. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that carry no length: TEM and RST0–7 (SOI and EOI are handled apart). */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

const APP1 = 0xe1;
const DROPPED_JPEG_SEGMENTS = new Set([APP1, 0xec /* APP12 */, 0xed /* APP13 */, 0xfe /* COM */]);

export function inspectJpeg(bytes: Buffer): InspectionResult {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return { ok: false, problem: 'NOT_AN_IMAGE' };
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let frame: { width: number; height: number } | null = null;
  let orientation = 1;
  let pos = 2;
  let sawScan = false;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return CORRUPT;
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    if (pos >= bytes.length) return CORRUPT;
    const marker = bytes[pos]!;
    pos++;
    if (marker === 0xd9) {
      // End of image: whatever follows (appended archives, scripts) is not part of the picture.
      if (!sawScan || !frame) return CORRUPT;
      out.push(Buffer.from([0xff, 0xd9]));
      return finishJpeg(out, frame, orientation);
    }
    if (marker === 0xd8 || marker === 0x00) return CORRUPT;
    if (isStandalone(marker)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (pos + 2 > bytes.length) return CORRUPT;
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) return CORRUPT;
    const segment = bytes.subarray(pos, pos + length);
    if (isStartOfFrame(marker)) {
      if (length < 8) return CORRUPT;
      const height = segment.readUInt16BE(3);
      const width = segment.readUInt16BE(5);
      // Height 0 (defined later by a DNL marker) is legal but unheard of outside test suites.
      if (width === 0 || height === 0) return CORRUPT;
      frame ??= { width, height };
    }
    if (marker === APP1) orientation = readExifOrientation(segment.subarray(2)) ?? orientation;
    if (!DROPPED_JPEG_SEGMENTS.has(marker)) out.push(Buffer.from([0xff, marker]), segment);
    pos += length;
    if (marker === 0xda) {
      if (!frame) return CORRUPT;
      sawScan = true;
      // Entropy-coded data runs to the next marker: 0xFF is followed by 0x00 (a stuffed byte), a
      // restart marker, or more 0xFF fill inside the data.
      const start = pos;
      while (pos < bytes.length) {
        if (bytes[pos] === 0xff && pos + 1 < bytes.length) {
          const next = bytes[pos + 1]!;
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
          pos += next === 0xff ? 1 : 2;
        } else {
          pos++;
        }
      }
      out.push(bytes.subarray(start, pos));
    }
  }
  return CORRUPT; // no end-of-image marker: truncated
}

function finishJpeg(out: Buffer[], frame: { width: number; height: number }, orientation: number): InspectedImage {
  if (orientation !== 1) out.splice(1, 0, orientationOnlyApp1(orientation));
  const quarterTurn = orientation >= 5 && orientation <= 8;
  return {
    ok: true,
    contentType: 'image/jpeg',
    width: quarterTurn ? frame.height : frame.width,
    height: quarterTurn ? frame.width : frame.height,
    stripped: Buffer.concat(out),
  };
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const ORIENTATION_TAG = 0x0112;

/** The Orientation (1–8) of an APP1 EXIF payload, or undefined when there is none or it is malformed. */
export function readExifOrientation(payload: Buffer): number | undefined {
  if (payload.length < 14 || !payload.subarray(0, 6).equals(EXIF_HEADER)) return undefined;
  const tiff = payload.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) === ORIENTATION_TAG && u16(entry + 2) === 3 /* SHORT */) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 segment whose EXIF holds one tag, the orientation: big-endian TIFF, one IFD entry. */
export function orientationOnlyApp1(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22);
  const payload = Buffer.concat([EXIF_HEADER, tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt8(0xff, 0);
  header.writeUInt8(APP1, 1);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

const DROPPED_PNG_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export function inspectPng(bytes: Buffer): InspectionResult {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: false, problem: 'NOT_AN_IMAGE' };
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  let size: { width: number; height: number } | null = null;
  let sawData = false;
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return CORRUPT;
    if (size === null) {
      if (type !== 'IHDR' || length !== 13) return CORRUPT;
      const width = bytes.readUInt32BE(pos + 8);
      const height = bytes.readUInt32BE(pos + 12);
      if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return CORRUPT;
      size = { width, height };
    }
    if (type === 'IDAT') sawData = true;
    if (!DROPPED_PNG_CHUNKS.has(type)) out.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') {
      if (!sawData) return CORRUPT;
      return { ok: true, contentType: 'image/png', width: size.width, height: size.height, stripped: Buffer.concat(out) };
    }
  }
  return CORRUPT;
}
