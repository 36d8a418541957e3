/**
 * Import previews held in main between "preview" and "commit": the parsed rows (passwords
 * included) never go to the renderer, which refers to them by id. A few at a time, for 30 minutes.
 */
import { randomBytes } from 'node:crypto';
import type { ImportCandidate } from '../domain/import/rows.js';

export interface ImportSession {
  townshipId: string;
  fileName: string;
  candidates: ImportCandidate[];
  createdAt: number;
}

export const SESSION_TTL_MS = 30 * 60_000;
const MAX_SESSIONS = 4;

export class ImportSessions {
  private readonly sessions = new Map<string, ImportSession>();

  constructor(private readonly now: () => number = Date.now) {}

  add(session: Omit<ImportSession, 'createdAt'>): string {
    this.prune();
    const id = `imp-${randomBytes(9).toString('hex')}`;
    this.sessions.set(id, { ...session, createdAt: this.now() });
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  get(id: string): ImportSession | null {
    this.prune();
    return this.sessions.get(id) ?? null;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  private prune(): void {
    const oldest = this.now() - SESSION_TTL_MS;
    for (const [id, session] of this.sessions) if (session.createdAt < oldest) this.sessions.delete(id);
  }
}
