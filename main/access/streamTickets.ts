/**
 * A stream URL names the caller it was handed to: `stream.open` issues a one-time ticket bound to
 * (caller, camera, profile), and the stream socket must present it. So a socket is checked against
 * the same caller's access when it opens, and its viewing is audited under that caller.
 */
import { randomBytes } from 'node:crypto';
import type { Profile } from '../../preload/api.js';

export interface Ticket {
  callerId: string;
  cameraId: string;
  profile: Profile;
  expiresAt: number;
}

const TICKET_TTL_MS = 60_000;
const MAX_TICKETS = 4096;

export class StreamTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(callerId: string, cameraId: string, profile: Profile): string {
    this.sweep();
    const id = randomBytes(18).toString('base64url');
    this.tickets.set(id, { callerId, cameraId, profile, expiresAt: this.now() + TICKET_TTL_MS });
    return id;
  }

  /** Takes a ticket (once) if it is valid for this camera and profile. */
  redeem(id: string | null, cameraId: string, profile: Profile): Ticket | null {
    if (!id) return null;
    const ticket = this.tickets.get(id);
    this.tickets.delete(id);
    if (!ticket || ticket.expiresAt <= this.now() || ticket.cameraId !== cameraId || ticket.profile !== profile) return null;
    return ticket;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, ticket] of this.tickets) if (ticket.expiresAt <= now) this.tickets.delete(id);
    // A flood of unredeemed tickets (a misbehaving page) cannot grow memory without bound.
    while (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
  }
}
