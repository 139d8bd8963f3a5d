// A worker thread of ImageReencodeWorkers (image-reencode-workers.ts): one image per message, answered
// with reencodeImage's result. Loaded through tsx's API so that it runs the same TypeScript module
// whatever loader the gateway itself was started with (tsx, or vitest's).
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { reencodeImage } = await tsImport('./image-reencode.ts', import.meta.url);

parentPort.on('message', (image) => {
  // Structured cloning hands over a Uint8Array; the re-encoder reads it as a Buffer.
  const stripped = Buffer.from(image.stripped.buffer, image.stripped.byteOffset, image.stripped.byteLength);
  parentPort.postMessage(reencodeImage({ ...image, stripped }));
});
