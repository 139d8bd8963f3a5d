/** What POST /api/uploads answers (201 with the stored file, or a typed failure). */
export type UploadResponse =
  | { ok: true; upload: { id: string; url: string; width: number; height: number; sizeBytes: number; contentType: string } }
  | { ok: false; errorCode: string; message: string };

export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0–100, rounded down; 100 only once the server has answered. */
  percent: number;
}

/**
 * Sends the raw file to `uploadUrl` (the gateway reads the bytes, not a form) with XMLHttpRequest,
 * because fetch reports no upload progress. Resolves with the server's JSON answer, also for failures
 * it words (4xx with errorCode); rejects only when there is no usable answer (network, bad JSON).
 */
export function uploadFile(
  uploadUrl: string,
  file: Blob,
  onProgress: (progress: UploadProgress) => void,
  createRequest: () => XMLHttpRequest = () => new XMLHttpRequest(),
): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = createRequest();
    xhr.open('POST', uploadUrl);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event: ProgressEvent) => {
      const total = event.lengthComputable ? event.total : file.size;
      // The last bytes sent are not the file stored: keep 99 until the server has checked it.
      const percent = total > 0 ? Math.min(99, Math.floor((event.loaded / total) * 100)) : 0;
      onProgress({ loaded: event.loaded, total, percent });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new Error(`upload answered ${xhr.status} without JSON`));
        return;
      }
      const answer = body as UploadResponse;
      if (answer && typeof answer === 'object' && 'ok' in answer) {
        if (answer.ok) onProgress({ loaded: file.size, total: file.size, percent: 100 });
        resolve(answer);
      } else {
        reject(new Error(`upload answered ${xhr.status} with an unexpected body`));
      }
    };
    // fetch-like: a TypeError is what the platform's messageOf treats as a network failure.
    xhr.onerror = () => reject(new TypeError('upload failed: network error'));
    xhr.onabort = () => reject(new TypeError('upload aborted'));
    xhr.send(file);
  });
}
