import { describe, expect, it } from 'vitest';
import { StreamTickets } from './streamTickets.js';

describe('StreamTickets', () => {
  it('redeems a ticket once, for its own camera and profile only', () => {
    const tickets = new StreamTickets();
    const id = tickets.issue('win-1', 'cam1', 'main');
    expect(tickets.redeem(id, 'cam2', 'main')).toBeNull();
    const again = tickets.issue('win-1', 'cam1', 'main');
    expect(tickets.redeem(again, 'cam1', 'main')).toMatchObject({ callerId: 'win-1', cameraId: 'cam1' });
    expect(tickets.redeem(again, 'cam1', 'main')).toBeNull();
    expect(tickets.redeem(null, 'cam1', 'main')).toBeNull();
  });

  it('refuses an expired ticket', () => {
    let now = 0;
    const tickets = new StreamTickets(() => now);
    const id = tickets.issue('win-1', 'cam1', 'sub');
    now = 60_000;
    expect(tickets.redeem(id, 'cam1', 'sub')).toBeNull();
  });
});
