/**
 * The session CPU bench's profile summary (bench/lib/cpuProfileTop.ts) on a made-up profile: self
 * time is each sample's delta charged to the function it landed in, idle is left out, and the
 * share is of the busy time.
 */
import { expect, it } from 'vitest';
import { selfTimes, type CpuProfile } from '../../bench/lib/cpuProfileTop.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

it('charges each sample its time delta, leaves idle out, and orders by self time', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('push', 'file:///work/wt/x/main/engine/container/flv.ts', 25) },
      { id: 4, callFrame: frame('(garbage collector)') },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [2, 3, 4, 3, 2, 4, 4],
    timeDeltas: [5000, 1000, 500, 1000, 2000, 250, 250],
  };
  expect(selfTimes(profile).map((s) => ({ ...s, pct: Math.round(s.pct) }))).toEqual([
    { what: 'push (main/engine/container/flv.ts:26)', ms: 2, pct: 67 },
    { what: '(garbage collector)', ms: 1, pct: 33 },
  ]);
  expect(selfTimes(profile, 1)).toHaveLength(1);
});
