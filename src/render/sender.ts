import {DATA_PATH, TOKEN_HEADER, type DataKind} from './protocol';

/** What one post says about its body; `end` closes a segment. */
export interface PacketTag {
  kind: DataKind;
  frames: number;
  /** Segment index for video, frame index for PNGs. */
  part: number;
  end?: boolean;
}

/**
 * Streams binary data to the Node side over HTTP POST, several requests in flight.
 * Each request carries a sequence number so Node can restore the order, and the job's token.
 */
export class Sender {
  private seq = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(
    private readonly token: string,
    private readonly limit = 6,
  ) {}

  async send(tag: PacketTag, body: BufferSource | Blob = new ArrayBuffer(0)): Promise<void> {
    if (this.failure) throw this.failure;
    const query = `seq=${this.seq++}&kind=${tag.kind}&frames=${tag.frames}&part=${tag.part}${tag.end ? '&end=1' : ''}`;
    const request = fetch(`${DATA_PATH}?${query}`, {method: 'POST', body, headers: {[TOKEN_HEADER]: this.token}})
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
