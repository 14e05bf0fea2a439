/** Per-scene progress: a live bar on a terminal, plain periodic lines otherwise. */
export class Progress {
  private readonly started = performance.now();
  private lastPrint = 0;
  private total = 0;

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  begin(total: number) {
    this.total = total;
  }

  update(done: number, force = false) {
    const now = performance.now();
    const tty = this.out.isTTY === true;
    if (!force && now - this.lastPrint < (tty ? 100 : 2000)) return;
    this.lastPrint = now;
    const seconds = (now - this.started) / 1000;
    const fps = done / Math.max(seconds, 1e-3);
    const total = Math.max(this.total, done);
    const eta = fps > 0 ? (total - done) / fps : 0;
    const stats = `${done}/${total} frames  ${fps.toFixed(1)} fps  ETA ${eta.toFixed(0)}s`;
    if (tty) {
      const width = 28;
      const filled = Math.round((width * done) / Math.max(total, 1));
      this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${stats}\x1b[K`);
    } else {
      this.out.write(`${this.label}: ${stats}\n`);
    }
  }

  end(message: string) {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
    this.out.write(`${this.label}: ${message}\n`);
  }
}
