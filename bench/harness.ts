// Benchmark harness: every figure is a median over repeated runs, next to a floor measured in the same
// run, and reported as a ratio. Absolute times vary between machines; ratios to a same-run floor travel.

export interface Measurement {
  case: string;
  figure: string;
  value: number;
  floor: number;
  floorName: string;
  unit: string;
  /** Largest acceptable ratio (from DESIGN.md); undefined = reported only. */
  budget?: number;
  /** Largest acceptable absolute value, in `unit` (DESIGN.md budgets such as "≤ 30 ms"). */
  limit?: number;
  note?: string;
}

export interface BenchCase {
  name: string;
  run(): Promise<Measurement[]> | Measurement[];
}

/** Median wall time of `fn` in ms over `repeats` runs, after `warmup` runs. */
export function medianMs(fn: () => unknown, repeats = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

export async function medianMsAsync(fn: () => Promise<unknown>, repeats = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function ratio(m: Measurement): number {
  return m.value / m.floor;
}

export function verdict(m: Measurement): string {
  const parts: string[] = [];
  if (m.budget !== undefined) parts.push(ratio(m) <= m.budget ? `ok (≤ ${m.budget}×)` : `MISSED (> ${m.budget}×)`);
  if (m.limit !== undefined) parts.push(m.value <= m.limit ? `ok (≤ ${m.limit} ${m.unit})` : `MISSED (> ${m.limit} ${m.unit})`);
  return parts.length ? parts.join(', ') : '—';
}

/** True when a figure breaks its ratio budget or its absolute limit. */
export function missed(m: Measurement): boolean {
  return (m.budget !== undefined && ratio(m) > m.budget) || (m.limit !== undefined && m.value > m.limit);
}

export function table(ms: Measurement[]): string {
  const rows = ms.map((m) => [
    m.case,
    m.figure,
    `${fmt(m.value)} ${m.unit}`,
    `${fmt(m.floor)} ${m.unit} (${m.floorName})`,
    `${ratio(m).toFixed(2)}×`,
    verdict(m),
  ]);
  const head = ['case', 'figure', 'median', 'floor (same run)', 'ratio', 'budget'];
  const lines = [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
