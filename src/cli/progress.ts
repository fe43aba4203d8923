// A progress line on stderr while a file streams in: rows, bytes, MB/s and, for a file of
// known size, the share read. Only on a terminal (never in a pipe, a log or CI), only once
// a read has taken half a second (short commands stay quiet), at most 10 times a second,
// and erased when the read ends. INFODIV_PROGRESS_AFTER_MS sets the half second (0: at once).
export class Progress {
  private bytes = 0;
  private rows = 0;
  private shown = false;
  private last = 0;
  private readonly started = performance.now();
  private readonly after = Number(process.env.INFODIV_PROGRESS_AFTER_MS ?? 500);
  private readonly on = process.stderr.isTTY === true;

  constructor(
    private readonly file: string,
    private readonly size: number | undefined,
  ) {}

  add(bytes: number, rows: number): void {
    this.bytes += bytes;
    this.rows += rows;
    if (!this.on) return;
    const now = performance.now();
    if (now - this.started < this.after || (this.shown && now - this.last < 100)) return;
    this.last = now;
    this.shown = true;
    const seconds = (now - this.started) / 1000;
    const mb = this.bytes / 1e6;
    const share = this.size ? ` ${((100 * this.bytes) / this.size).toFixed(0).padStart(3)}%` : '';
    process.stderr.write(`\rinfodiv: ${this.file}${share}  ${this.rows.toLocaleString('en-US')} rows  ${mb.toFixed(1)} MB  ${(mb / Math.max(seconds, 1e-3)).toFixed(1)} MB/s\x1b[K`);
  }

  done(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
