import { closeSync, fdatasyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Latency summary in milliseconds; percentiles by nearest rank. */
export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean: sum / sorted.length };
}

/** Elapsed milliseconds since a `process.hrtime.bigint()` reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** First column left-aligned, the others (figures) right-aligned. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? ':---' : '---:'))), ...rows.map(line)].join('\n');
}

/** Thousands separators, no decimals (throughputs). */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Two decimals (latencies in ms, ratios). */
export const dec = (n: number, digits = 2): string => n.toFixed(digits);

export function machineInfo(sqliteVersion: string): Record<string, string | number> {
  const cpuinfo = safeRead('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    nproc: cpus().length,
    cpuModel: model.trim(),
    node: process.version,
    sqlite: sqliteVersion,
    betterSqlite3: (require('better-sqlite3/package.json') as { version: string }).version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
  };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The disk's raw durable-write cost, for reading the append figures: `count` 4 KiB appends to a
 * file in `dir`, each followed by fdatasync (what a WAL commit pays at least once).
 */
export function probeFsync(dir: string, count = 300): LatencySummary {
  const path = `${dir}/fsync-probe.bin`;
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const start = process.hrtime.bigint();
      writeSync(fd, block);
      fdatasyncSync(fd);
      samples.push(msSince(start));
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return summarize(samples);
}
