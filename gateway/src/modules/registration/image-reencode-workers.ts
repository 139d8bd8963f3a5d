import { Worker } from 'node:worker_threads';
import type { ReencodeResult, ReencodableImage } from './image-reencode';

/** Re-encodes an image (see image-reencode.ts) without making the caller's thread do it. */
export interface ImageReencoder {
  reencode(image: ReencodableImage): Promise<ReencodeResult>;
}

interface Job {
  image: ReencodableImage;
  resolve(result: ReencodeResult): void;
  reject(error: Error): void;
}

/**
 * Re-encoding in worker threads. Decoding and encoding in pure JS take ≈ 0.45 s for a 2-megapixel
 * scan and ≈ 2.5 s for a 12-megapixel phone photo of a certificate (measured on the 2-core machine),
 * and on the gateway's main thread every other request of the process would wait for them: on
 * registration day, each 证明材料 upload would stall 提交 and 报名状态 for everyone. Images queue for
 * `size` workers (config `uploads.reencodeWorkers`), started when first needed. A worker that dies fails its image (the upload gets an
 * unexpected error; nothing was stored yet) and is replaced on the next one. Idle workers do not
 * keep the process alive.
 */
export class ImageReencodeWorkers implements ImageReencoder {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private running = 0;

  constructor(private readonly size: number) {}

  reencode(image: ReencodableImage): Promise<ReencodeResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ image, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; images still queued or running fail. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error('image re-encoding stopped'));
    await Promise.all([...this.idle, ...this.busy.keys()].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.running < this.size ? this.start() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      const { contentType, width, height, stripped } = job.image;
      worker.postMessage({ contentType, width, height, stripped });
    }
  }

  private start(): Worker {
    this.running += 1;
    const worker = new Worker(new URL('./image-reencode.worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (result: ReencodeResult) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      job?.resolve(result.ok ? { ok: true, bytes: Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength) } : result);
      this.dispatch();
    });
    let gone = false;
    const lost = (error: Error) => {
      if (gone) return;
      gone = true;
      this.running -= 1;
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      job?.reject(error);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`image re-encoding worker exited with code ${code}`)));
    return worker;
  }
}
