/**
 * Testing many rows' connections without flooding the host or the cameras: at most `limit` at a
 * time, each result reported as it arrives, and a stop that lets running tests finish but starts
 * no new one.
 */
export interface ProbeQueueOptions<T, R> {
  items: readonly T[];
  limit: number;
  run(item: T): Promise<R>;
  onResult(item: T, result: R, done: number): void;
  stopped?(): boolean;
}

export async function runBounded<T, R>({ items, limit, run, onResult, stopped = () => false }: ProbeQueueOptions<T, R>): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const item = items[next++]!;
      const result = await run(item);
      onResult(item, result, ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return done;
}
