/** Prints a figure table as Markdown, so the same text goes to the terminal and to docs/benchmarks.md. */

export function markdownTable(title: string, header: string[], rows: string[][], notes: string[] = []): string {
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  return [
    `### ${title}`,
    '',
    line(header),
    `| ${width.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
}
