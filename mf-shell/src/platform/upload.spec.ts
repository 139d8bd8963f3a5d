import { describe, expect, it } from 'vitest';
import { uploadFile, type UploadProgress } from './upload';

/** Just enough XMLHttpRequest to drive uploadFile: the test plays the network. */
class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  status = 0;
  responseText = '';
  body: unknown;
  upload: { onprogress: ((e: Partial<ProgressEvent>) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  answer(status: number, body: string) {
    this.status = status;
    this.responseText = body;
    this.onload?.();
  }
}

function start(file: Blob) {
  const xhr = new FakeXhr();
  const progress: UploadProgress[] = [];
  const done = uploadFile('/api/uploads?token=t', file, (p) => progress.push(p), () => xhr as unknown as XMLHttpRequest);
  return { xhr, progress, done };
}

describe('uploadFile', () => {
  it('POSTs the raw file, reports progress, holds 99 % until the server has stored it', async () => {
    const file = new Blob([new Uint8Array(2000)], { type: 'image/jpeg' });
    const { xhr, progress, done } = start(file);
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/uploads?token=t');
    expect(xhr.body).toBe(file);
    expect(xhr.withCredentials).toBe(true);
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 500, total: 2000 });
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 2000, total: 2000 });
    expect(progress.map((p) => p.percent)).toEqual([25, 99]);
    xhr.answer(201, JSON.stringify({ ok: true, upload: { id: 'u1', url: '/api/uploads/u1', width: 413, height: 579, sizeBytes: 2000, contentType: 'image/jpeg' } }));
    const answer = await done;
    expect(answer.ok).toBe(true);
    expect(progress.at(-1)!.percent).toBe(100);
  });

  it('resolves with the typed failure the gateway words (e.g. PHOTO_RESOLUTION_TOO_LOW) and never reaches 100 %', async () => {
    const { xhr, progress, done } = start(new Blob([new Uint8Array(10)]));
    xhr.answer(422, JSON.stringify({ ok: false, errorCode: 'PHOTO_RESOLUTION_TOO_LOW', message: '照片尺寸须不小于295×413像素(宽×高)' }));
    expect(await done).toEqual({ ok: false, errorCode: 'PHOTO_RESOLUTION_TOO_LOW', message: '照片尺寸须不小于295×413像素(宽×高)' });
    expect(progress.some((p) => p.percent === 100)).toBe(false);
  });

  it('rejects with a TypeError on a network failure, and on a body that is not JSON', async () => {
    const first = start(new Blob(['x']));
    first.xhr.onerror!();
    await expect(first.done).rejects.toBeInstanceOf(TypeError);
    const second = start(new Blob(['x']));
    second.xhr.answer(502, '<html>Bad Gateway</html>');
    await expect(second.done).rejects.toThrow(/502/);
  });
});
