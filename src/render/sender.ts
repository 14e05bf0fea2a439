import {DATA_PATH, TOKEN_HEADER, type DataKind} from './protocol';

/** What one post says about its body; `end` closes a segment. */
export interface PacketTag {
  kind: DataKind;
  frames: number;
  /** Segment index for video, frame index for PNGs. */
  part: number;
  end?: boolean;
}

const COLLECT_EVERY = 256 * 1024 * 1024;

/**
 * Streams binary data to the Node side over HTTP POST, several requests in flight.
 * Each request carries a sequence number so Node can restore the order, and the job's token.
 */
export class Sender {
  private seq = 0;
  /** Bytes posted since the last collection (see send). */
  private posted = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(
    private readonly token: string,
    private readonly limit = 6,
  ) {}

  async send(tag: PacketTag, body: BufferSource | Blob = new ArrayBuffer(0)): Promise<void> {
    if (this.failure) throw this.failure;
    const query = `seq=${this.seq++}&kind=${tag.kind}&frames=${tag.frames}&part=${tag.part}${tag.end ? '&end=1' : ''}`;
    // A typed array posted as is crawls through Chromium's upload path (~26 MB/s for 8 MB frames on this
    // machine); the same bytes as a Blob go ~12× faster. But a Blob's bytes stay in the browser until
    // its JS object is collected, which the small JS heap seldom asks for: after ~2 GB, posts fail
    // (ERR_BLOB_OUT_OF_MEMORY). So collect every 256 MB; the render browser exposes gc().
    const blob = body instanceof Blob ? body : new Blob([body]);
    this.posted += blob.size;
    if (this.posted > COLLECT_EVERY) {
      this.posted = 0;
      (globalThis as {gc?: () => void}).gc?.();
    }
    const request = fetch(`${DATA_PATH}?${query}`, {method: 'POST', body: blob, headers: {[TOKEN_HEADER]: this.token}})
      .then(async response => {
        // The body names what failed on the Node side (ffmpeg, the disk); the CLI reports its own copy.
        if (!response.ok) throw new Error(`the renderer refused data: ${(await response.text()) || response.status}`);
      })
      .catch((e: Error) => {
        this.failure ??= e;
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
    // Back-pressure: wait only when too much is in flight, so drawing keeps going.
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }
}
