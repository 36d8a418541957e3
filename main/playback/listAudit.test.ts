import { describe, expect, it } from 'vitest';
import { LIST_AUDIT_WINDOW_MS, ListAuditGate } from './listAudit.js';

describe('which /list lookups are written to the audit', () => {
  it('writes the first of a requester’s lookups of a camera, not its repeats within ten minutes', () => {
    let now = 0;
    const gate = new ListAuditGate(LIST_AUDIT_WINDOW_MS, () => now);
    const written = Array.from({ length: 20 }, (_, i) => ((now = i * 3000), gate.admit('10.0.0.7', 'square'))).filter(Boolean);
    expect(written).toHaveLength(1);
    // Another camera, another requester: each their own.
    expect(gate.admit('10.0.0.7', 'yard')).toBe(true);
    expect(gate.admit('10.0.0.8', 'square')).toBe(true);
    now = LIST_AUDIT_WINDOW_MS + 1;
    expect(gate.admit('10.0.0.7', 'square')).toBe(true);
  });

  it('remembers a bounded number of pairs, forgetting the oldest first', () => {
    const gate = new ListAuditGate(LIST_AUDIT_WINDOW_MS, () => 0, 2);
    expect(gate.admit('a', 'cam')).toBe(true);
    expect(gate.admit('b', 'cam')).toBe(true);
    expect(gate.admit('c', 'cam')).toBe(true);
    expect(gate.admit('c', 'cam')).toBe(false);
    expect(gate.admit('a', 'cam')).toBe(true); // forgotten, so written again: never more memory
  });
});
