/** Bitrate and frame rate measured from the bytes we actually forward, over a sliding window. */

const WINDOW_MS = 2000;

export class StreamMeter {
  private samples: { at: number; bytes: number; frame: boolean }[] = [];

  record(at: number, bytes: number, frame: boolean): void {
    this.samples.push({ at, bytes, frame });
    this.trim(at);
  }

  read(now: number): { bitrateKbps: number | null; fps: number | null } {
    this.trim(now);
    if (this.samples.length < 2) return { bitrateKbps: null, fps: null };
    const seconds = WINDOW_MS / 1000;
    const bytes = this.samples.reduce((sum, s) => sum + s.bytes, 0);
    const frames = this.samples.filter((s) => s.frame).length;
    return { bitrateKbps: Math.round((bytes * 8) / 1000 / seconds), fps: Math.round((frames / seconds) * 10) / 10 };
  }

  reset(): void {
    this.samples = [];
  }

  private trim(now: number): void {
    const from = now - WINDOW_MS;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.at < from) drop++;
    if (drop > 0) this.samples.splice(0, drop);
  }
}
