import { describe, expect, it } from 'vitest';
import { runBounded } from './probeQueue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('testing many rows', () => {
  it('runs at most `limit` at once and reports every result with a running count', async () => {
    let running = 0;
    let most = 0;
    const seen: [number, number][] = [];
    const done = await runBounded({
      items: [1, 2, 3, 4, 5, 6, 7],
      limit: 3,
      run: async (n) => {
        most = Math.max(most, ++running);
        await tick();
        running--;
        return n * 10;
      },
      onResult: (_n, result, count) => seen.push([result, count]),
    });
    expect(done).toBe(7);
    expect(most).toBe(3);
    expect(seen.map(([, count]) => count)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.map(([result]) => result).sort((a, b) => a - b)).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('starts nothing new once stopped', async () => {
    let stop = false;
    const started: number[] = [];
    await runBounded({
      items: [1, 2, 3, 4, 5],
      limit: 2,
      run: async (n) => {
        started.push(n);
        await tick();
        return n;
      },
      onResult: (n) => {
        if (n === 2) stop = true;
      },
      stopped: () => stop,
    });
    expect(started.length).toBeLessThan(5);
  });
});
