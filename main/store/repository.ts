/**
 * The settings repository: one JSON document behind a conf-style store (electron-store in the
 * app, `conf` headless: the same file format). Loaded once, brought to the current schema version,
 * validated, kept in memory; every update is validated before it is written (atomically, by the
 * store) and copied to the rolling backups. A file that fails to parse or validate is moved aside,
 * never overwritten, and the console starts from the newest good backup, or afresh without one.
 */
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { upgrade } from '../domain/migrations.js';
import { SCHEMA_VERSION, StoredDataSchema, emptyData, type StoredCamera, type StoredData } from '../domain/model.js';
import { syncDirectorySync, writeFileAtomic } from './atomicFile.js';
import { BackupRing, stampOf } from './backups.js';
import { diskFailureOf, ensurePrivateDir, type DiskFailure } from './diskProblem.js';

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
  /** The backup the console started from after a damaged file, if one was good. */
  recoveredFrom: { path: string; at: number } | null;
  /** The schema version an older file was brought up from. */
  migratedFrom: number | null;
  /** An older version found where a newer one was written (an old copy put back): refused, not upgraded. */
  refusedVersion: number | null;
}

export interface RepositoryOptions {
  /** The rolling backups; by default `backups/` beside the file, 10 kept. */
  backups?: BackupRing;
  now?: () => number;
  /** A backup could not be written; the settings file was, and the change stands. */
  onBackupFailed?: (failure: DiskFailure) => void;
  /** Flushes the settings folder after the store's rename (tests watch it). */
  syncFolder?: (dir: string) => void;
}

type Loaded = { data: StoredData; report: LoadReport };

/** The same text conf writes, so a backup can be copied back over the file by hand. */
const serialize = (data: unknown) => JSON.stringify(data, undefined, '\t');

export class SettingsRepository {
  private current: StoredData;
  readonly report: LoadReport;
  readonly backups: BackupRing;

  private store: DocumentStore | null = null;
  private readonly now: () => number;
  private readonly onBackupFailed: (failure: DiskFailure) => void;
  private readonly syncFolder: (dir: string) => void;

  /**
   * @param path the file `open` reads and writes (needed when `open` itself fails on a damaged file)
   * @param open creates the conf / electron-store instance; it throws on a file that is not JSON
   */
  constructor(
    readonly path: string,
    private readonly open: () => DocumentStore,
    seed: () => StoredData = emptyData,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onBackupFailed = options.onBackupFailed ?? (() => {});
    this.syncFolder = options.syncFolder ?? syncDirectorySync;
    // Settings, backups, audit and logs live here: readable by this user only.
    ensurePrivateDir(dirname(path));
    const stem = basename(path).replace(/\.json$/, '');
    this.backups = options.backups ?? new BackupRing({ dir: join(dirname(path), 'backups'), stem, now: this.now });
    const { data, report } = this.load(seed);
    this.current = data;
    this.report = report;
  }

  get data(): StoredData {
    return this.current;
  }

  /** The stored camera with this id; undefined when there is none (removed, or never added). */
  camera(id: string): StoredCamera | undefined {
    return this.current.cameras.find((camera) => camera.id === id);
  }

  /** Applies a change; nothing is kept (in memory or on disk) unless the result is valid. */
  update(change: (draft: StoredData) => StoredData): StoredData {
    const next = StoredDataSchema.parse(change(structuredClone(this.current)));
    this.write(next);
    this.current = next;
    return next;
  }

  private write(data: StoredData): void {
    this.documentStore().store = data;
    // conf writes a flushed temporary and renames it; the rename is only durable once the folder is flushed.
    this.syncFolder(dirname(this.path));
    this.backup(data);
  }

  /**
   * The settings file is written by now: a backup that fails must neither undo the change in
   * memory (it would differ from the file until the next start) nor stop the console starting.
   */
  private backup(data: StoredData): void {
    try {
      this.backups.save(serialize(data));
    } catch (error) {
      this.onBackupFailed(diskFailureOf(error));
    }
  }

  private load(seed: () => StoredData): Loaded {
    let raw: unknown;
    try {
      const store = this.documentStore();
      if (!existsSync(this.path)) {
        const data = StoredDataSchema.parse(seed());
        this.write(data);
        return { data, report: { quarantinedTo: null, problem: null, fresh: true, recoveredFrom: null, migratedFrom: null, refusedVersion: null } };
      }
      raw = store.store;
    } catch (error) {
      return this.recover(String(error instanceof Error ? error.message : error), seed);
    }
    const upgraded = upgrade(raw);
    if (!upgraded.ok) return this.recover(upgraded.problem, seed);
    // Upgrading would give a console with no PIN and no scope: an old copy is not a console to upgrade.
    if (upgraded.from < SCHEMA_VERSION && this.newerVersionWritten(upgraded.from)) {
      return this.recover(`schemaVersion: ${upgraded.from}, but version ${SCHEMA_VERSION} was already written here`, seed, upgraded.from);
    }
    const migrated = upgraded.from !== SCHEMA_VERSION;
    if (migrated) {
      this.keepPreMigrationCopy(raw, upgraded.from);
      this.write(upgraded.data);
    } else {
      this.backup(upgraded.data);
    }
    return {
      data: upgraded.data,
      report: { quarantinedTo: null, problem: null, fresh: false, recoveredFrom: null, migratedFrom: migrated ? upgraded.from : null, refusedVersion: null },
    };
  }

  /**
   * Moves the damaged (or refused older) file aside and starts from the newest backup that loads
   * (newer than a refused version), or the seed.
   */
  private recover(problem: string, seed: () => StoredData, refusedVersion: number | null = null): Loaded {
    const kind = refusedVersion === null ? 'corrupt' : `v${refusedVersion}-refused`;
    const quarantinedTo = unusedPath(`${this.path.replace(/\.json$/, '')}.${kind}-${stampOf(this.now())}`);
    renameSync(this.path, quarantinedTo);
    this.store = null;
    const backup = this.backups.newestUsable((text) => {
      try {
        const upgraded = upgrade(JSON.parse(text));
        return upgraded.ok && upgraded.from > (refusedVersion ?? 0) ? upgraded.data : null;
      } catch {
        return null;
      }
    });
    const data = backup ? backup.value : StoredDataSchema.parse(seed());
    this.write(data);
    const recoveredFrom = backup ? { path: backup.path, at: backup.at } : null;
    return { data, report: { quarantinedTo, problem, fresh: false, recoveredFrom, migratedFrom: null, refusedVersion } };
  }

  /** Whether a version newer than `version` was written here: a backup of one, or the copy kept before an upgrade. */
  private newerVersionWritten(version: number): boolean {
    const { dir, stem } = this.backups;
    if (existsSync(dir) && readdirSync(dir).some((name) => name.startsWith(`${stem}.v${version}-before-upgrade.`))) return true;
    const newer = this.backups.newestUsable((text) => {
      try {
        const written = (JSON.parse(text) as { schemaVersion?: unknown }).schemaVersion;
        return typeof written === 'number' && written > version ? written : null;
      } catch {
        return null;
      }
    });
    return newer !== null;
  }

  /** The file as it was before a migration, kept beside the backups and never rolled away. */
  private keepPreMigrationCopy(raw: unknown, version: number): void {
    ensurePrivateDir(this.backups.dir);
    writeFileAtomic(join(this.backups.dir, `${this.backups.stem}.v${version}-before-upgrade.${stampOf(this.now())}.json`), serialize(raw));
  }

  private documentStore(): DocumentStore {
    this.store ??= this.open();
    return this.store;
  }
}

/** `<stem>.json`, or `<stem>-2.json`, …: a clock that repeats itself (reset at every boot) must not overwrite a damaged file kept aside. */
function unusedPath(stem: string): string {
  let path = `${stem}.json`;
  for (let n = 2; existsSync(path); n++) path = `${stem}-${n}.json`;
  return path;
}
