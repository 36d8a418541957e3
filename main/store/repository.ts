/**
 * The settings repository: one JSON document behind a conf-style store (electron-store in the
 * app, `conf` headless: the same file format). Loaded once, validated, kept in memory; every
 * update is validated before it is written (atomically, by the store). A file that fails to
 * parse or validate is moved aside, never overwritten, and the console starts with what it has.
 */
import { existsSync, renameSync } from 'node:fs';
import { StoredDataSchema, emptyData, type StoredData } from '../domain/model.js';

/** The part of conf / electron-store we use. */
export interface DocumentStore {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface LoadReport {
  /** Where a damaged file was moved, if one was. */
  quarantinedTo: string | null;
  /** What was wrong with it, for the details view. */
  problem: string | null;
  /** True when there was no file yet (first run). */
  fresh: boolean;
}

export class SettingsRepository {
  private current: StoredData;
  readonly report: LoadReport;

  private store: DocumentStore | null = null;

  /**
   * @param path the file `open` reads and writes (needed when `open` itself fails on a damaged file)
   * @param open creates the conf / electron-store instance; it throws on a file that is not JSON
   */
  constructor(
    readonly path: string,
    private readonly open: () => DocumentStore,
    seed: () => StoredData = emptyData,
  ) {
    const { data, report } = this.load(seed);
    this.current = data;
    this.report = report;
  }

  get data(): StoredData {
    return this.current;
  }

  /** Applies a change; nothing is kept (in memory or on disk) unless the result is valid. */
  update(change: (draft: StoredData) => StoredData): StoredData {
    const next = StoredDataSchema.parse(change(structuredClone(this.current)));
    this.documentStore().store = next;
    this.current = next;
    return next;
  }

  private load(seed: () => StoredData): { data: StoredData; report: LoadReport } {
    let store: DocumentStore;
    let raw: Record<string, unknown>;
    try {
      store = this.documentStore();
      if (!existsSync(this.path)) {
        const data = StoredDataSchema.parse(seed());
        store.store = data;
        return { data, report: { quarantinedTo: null, problem: null, fresh: true } };
      }
      raw = store.store;
    } catch (error) {
      return this.recover(String(error instanceof Error ? error.message : error), seed);
    }
    const parsed = StoredDataSchema.safeParse(raw);
    if (parsed.success) return { data: parsed.data, report: { quarantinedTo: null, problem: null, fresh: false } };
    return this.recover(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), seed);
  }

  private recover(problem: string, seed: () => StoredData): { data: StoredData; report: LoadReport } {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const quarantinedTo = `${this.path.replace(/\.json$/, '')}.corrupt-${stamp}.json`;
    renameSync(this.path, quarantinedTo);
    this.store = null;
    const data = StoredDataSchema.parse(seed());
    this.documentStore().store = data;
    return { data, report: { quarantinedTo, problem, fresh: false } };
  }

  private documentStore(): DocumentStore {
    this.store ??= this.open();
    return this.store;
  }
}
