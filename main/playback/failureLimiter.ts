/**
 * Refusals per remote address for the recorder API opened to the LAN: after `maxFailures` wrong
 * tokens within `windowMs`, that address is turned away unheard until the window has passed, so
 * a token cannot be guessed at network speed. Bounded: the oldest address is forgotten first.
 */
export interface FailureLimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Addresses remembered at once; a flood of new addresses forgets the oldest, never grows memory. */
  maxAddresses?: number;
  now?: () => number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: FailureLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxAddresses = options.maxAddresses ?? 1024;
    this.now = options.now ?? Date.now;
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.failures.get(address) ?? []).filter((at) => at > since);
    if (times.length === 0) this.failures.delete(address);
    else this.failures.set(address, times);
    return times;
  }

  /** Whether this address has failed too often lately to be heard now. */
  blocked(address: string): boolean {
    return this.recent(address).length >= this.maxFailures;
  }

  failed(address: string): void {
    const times = this.recent(address);
    this.failures.delete(address); // re-inserted last: the map's order is the least recently failed first
    this.failures.set(address, [...times, this.now()].slice(-this.maxFailures));
    while (this.failures.size > this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
  }
}
