/**
 * The timing of a tour (轮巡), without any screen or host: which step shows, when the next one is
 * warmed up, when it switches, and pausing while the operator works. Timers are plain setTimeout,
 * so tests drive it with fake timers.
 */

export interface TourClockOptions {
  /** How long each step shows. */
  dwellMs: readonly number[];
  /** How long before a switch the next step's cameras are started. */
  prestartMs?: number;
  /** After the operator's last touch, the tour resumes on its own this much later. */
  idleResumeMs?: number;
  /** After a maximized tile is restored, the tour resumes this much later (the bar counts down, and can cancel). */
  restoreResumeMs?: number;
  onStep(index: number): void;
  onPrestart(index: number): void;
  onChange?(): void;
}

/** operator: by hand; activity: the operator works the wall; maximized: a tile fills it; restored: that tile went back. */
export type PausedBy = 'operator' | 'activity' | 'maximized' | 'restored';

export interface TourClockState {
  phase: 'running' | 'paused' | 'stopped';
  pausedBy: PausedBy | null;
  index: number;
  count: number;
  /** Running: when the current step ends (ms since epoch). */
  endsAt: number | null;
  /** Paused: how long the current step still had to go. */
  remainingMs: number;
  /** Paused by activity, or after a restore: when the tour resumes by itself. */
  resumesAt: number | null;
}

export const DEFAULT_PRESTART_MS = 3000;
export const DEFAULT_IDLE_RESUME_MS = 30_000;
export const DEFAULT_RESTORE_RESUME_MS = 10_000;

export class TourClock {
  private state: TourClockState;
  private stepTimer: ReturnType<typeof setTimeout> | undefined;
  private prestartTimer: ReturnType<typeof setTimeout> | undefined;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private prestarted = false;
  private readonly prestartMs: number;
  private readonly idleResumeMs: number;
  private readonly restoreResumeMs: number;

  constructor(private readonly options: TourClockOptions) {
    if (options.dwellMs.length === 0) throw new Error('a tour needs at least one step');
    this.prestartMs = options.prestartMs ?? DEFAULT_PRESTART_MS;
    this.idleResumeMs = options.idleResumeMs ?? DEFAULT_IDLE_RESUME_MS;
    this.restoreResumeMs = options.restoreResumeMs ?? DEFAULT_RESTORE_RESUME_MS;
    this.state = { phase: 'stopped', pausedBy: null, index: 0, count: options.dwellMs.length, endsAt: null, remainingMs: 0, resumesAt: null };
  }

  snapshot(): TourClockState {
    return this.state;
  }

  start(): void {
    this.clearTimers();
    this.show(0);
  }

  stop(): void {
    this.clearTimers();
    this.set({ phase: 'stopped', pausedBy: null, endsAt: null, resumesAt: null });
  }

  /** Space bar / the pause button: pauses until resumed by hand. */
  toggle(): void {
    if (this.state.phase === 'running') this.pause('operator');
    else if (this.state.phase === 'paused') this.resume();
  }

  /** The operator touched the wall: hold the current step, and go on after a quiet spell. */
  touch(): void {
    if (this.state.phase === 'running') this.pause('activity');
    else if (this.state.phase === 'paused' && (this.state.pausedBy === 'activity' || this.state.pausedBy === 'restored')) this.armResume('activity', this.idleResumeMs);
  }

  /** A tile fills the wall: the step stays until it is restored, however long the officer sits still. */
  hold(): void {
    if (this.state.phase === 'running') this.pause('maximized');
    else if (this.state.phase === 'paused' && this.state.pausedBy !== 'operator') {
      clearTimeout(this.resumeTimer);
      this.set({ pausedBy: 'maximized', resumesAt: null });
    }
  }

  /** The maximized tile was restored: resume a little later, saying so (cancelResume keeps it paused). */
  release(): void {
    if (this.state.phase === 'paused' && this.state.pausedBy === 'maximized') this.armResume('restored', this.restoreResumeMs);
  }

  /** The officer said no to the coming resume: paused until resumed by hand. */
  cancelResume(): void {
    if (this.state.phase !== 'paused' || this.state.resumesAt === null) return;
    clearTimeout(this.resumeTimer);
    this.set({ pausedBy: 'operator', resumesAt: null });
  }

  resume(): void {
    if (this.state.phase !== 'paused') return;
    clearTimeout(this.resumeTimer);
    this.run(this.state.remainingMs);
  }

  private pause(by: PausedBy): void {
    const remainingMs = Math.max(0, (this.state.endsAt ?? Date.now()) - Date.now());
    this.clearTimers();
    this.set({ phase: 'paused', pausedBy: by, endsAt: null, remainingMs, resumesAt: null });
    if (by === 'activity') this.armResume('activity', this.idleResumeMs);
  }

  private armResume(by: PausedBy, ms: number): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.resume(), ms);
    this.set({ pausedBy: by, resumesAt: Date.now() + ms });
  }

  private show(index: number): void {
    this.prestarted = false;
    this.set({ index });
    this.options.onStep(index);
    this.run(this.options.dwellMs[index]!);
  }

  private run(ms: number): void {
    this.clearTimers();
    this.set({ phase: 'running', pausedBy: null, endsAt: Date.now() + ms, remainingMs: ms, resumesAt: null });
    this.stepTimer = setTimeout(() => this.show((this.state.index + 1) % this.state.count), ms);
    if (!this.prestarted && this.state.count > 1) {
      this.prestartTimer = setTimeout(() => {
        this.prestarted = true;
        this.options.onPrestart((this.state.index + 1) % this.state.count);
      }, Math.max(0, ms - this.prestartMs));
    }
  }

  private set(change: Partial<TourClockState>): void {
    this.state = { ...this.state, ...change };
    this.options.onChange?.();
  }

  private clearTimers(): void {
    clearTimeout(this.stepTimer);
    clearTimeout(this.prestartTimer);
    clearTimeout(this.resumeTimer);
  }
}
