import { AppError, ErrorCode } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque `after` cursor for lists ordered by (a timestamp, id): keyset pages, no OFFSET. */
export function encodeKeysetCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** Throws BAD_USER_INPUT for anything encodeKeysetCursor did not make. */
export function decodeKeysetCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !UUID.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new AppError(ErrorCode.BAD_USER_INPUT, '分页参数无效');
  }
}
