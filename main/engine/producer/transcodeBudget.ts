/**
 * How many cameras may be transcoded at once. Transcoding one 1080p H.265 camera to H.264 costs
 * a large share of a core; on a 2-core duty-desk PC an unbounded number would starve every tile.
 */
import { availableParallelism } from 'node:os';

export class TranscodeBudget {
  private used = 0;

  constructor(readonly limit = Math.max(1, Math.floor(availableParallelism() / 2))) {}

  acquire(): boolean {
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  release(): void {
    this.used = Math.max(0, this.used - 1);
  }

  /** A slot could be had now (a session checks before it ends a run for a conversion it may not get). */
  get free(): boolean {
    return this.used < this.limit;
  }

  get inUse(): number {
    return this.used;
  }
}
