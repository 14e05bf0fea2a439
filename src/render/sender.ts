import {DATA_PATH, type DataKind} from './protocol';

/**
 * Streams binary data to the Node side over HTTP POST, several requests in flight.
 * Each request carries a sequence number so Node can restore the order.
 */
export class Sender {
  private seq = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;

  constructor(private readonly limit = 6) {}

  async send(kind: DataKind, frames: number, body: BufferSource | Blob): Promise<void> {
    if (this.failure) throw this.failure;
    const url = `${DATA_PATH}?seq=${this.seq++}&kind=${kind}&frames=${frames}`;
    const request = fetch(url, {method: 'POST', body})
      .then(response => {
        if (!response.ok) throw new Error(`the renderer refused data: HTTP ${response.status}`);
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
