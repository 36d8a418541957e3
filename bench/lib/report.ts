/** Where a bench leaves its figures: printed, and written to bench/results/<name>.{md,json}. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLine, machineLines } from './machine.js';

const RESULTS = process.env.BENCH_RESULTS ?? join(import.meta.dirname, '../results');

export class Report {
  private readonly sections: string[] = [];
  private readonly startLoad = loadLine('at start');
  private readonly started = new Date();

  constructor(
    private readonly name: string,
    private readonly settings: Record<string, unknown>,
  ) {}

  add(markdown: string): void {
    this.sections.push(markdown);
    console.log(`\n${markdown}`);
  }

  /** Prints the header and writes the files; `raw` goes to the JSON copy. */
  finish(raw: unknown): void {
    const header = [
      `## ${this.name} — ${this.started.toISOString()}`,
      '',
      ...[...machineLines(), this.startLoad, loadLine('at end'), `settings: ${JSON.stringify(this.settings)}`].map((l) => `- ${l}`),
      '',
    ].join('\n');
    console.log(`\n${header}`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `${this.name}.md`), [header, ...this.sections].join('\n'));
    writeFileSync(join(RESULTS, `${this.name}.json`), JSON.stringify({ name: this.name, started: this.started, settings: this.settings, raw }, null, 1));
  }
}
