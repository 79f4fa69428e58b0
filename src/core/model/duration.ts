// Go `time.Duration` strings, as Kubernetes APIs (metav1.Duration) read and write them: `2160h`, `1h30m`,
// `1.5h`, `300ms`, `720h0m0s`. Parsing follows time.ParseDuration (sign, decimal numbers with a unit each,
// units ns/us/µs/ms/s/m/h, bare `0`, int64 nanosecond range); formatting follows Duration.String().

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const NS_PER: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;

export type DurationResult =
  | { ok: true; /** Exact value in nanoseconds. */ ns: bigint; /** Milliseconds (fractional below 1 ms). */ ms: number }
  | { ok: false; /** Why it is not a Go duration, e.g. "missing unit after '90'". */ message: string };

export function parseGoDuration(input: string): DurationResult {
  const fail = (message: string): DurationResult => ({ ok: false, message });
  let s = input;
  if (s === '') return fail('it is empty');
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0n, ms: 0 };
  if (s === '') return fail('a sign needs a number after it');
  let total = 0n;
  while (s !== '') {
    const num = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const whole = num[1];
    const frac = num[2] ?? '';
    if (whole === '' && frac === '') {
      return fail(s[0] === '.' ? "a '.' needs a digit before or after it" : `expected a number before '${s}'`);
    }
    s = s.slice(num[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') return fail(`missing unit after '${num[0]}' (use ns, us, ms, s, m or h)`);
    const unit = NS_PER[unitMatch];
    if (unit === undefined) return fail(`unknown unit '${unitMatch}' (use ns, us, ms, s, m or h)`);
    s = s.slice(unitMatch.length);
    let value = BigInt(whole === '' ? '0' : whole) * unit;
    if (frac !== '') value += (BigInt(frac) * unit) / 10n ** BigInt(frac.length); // truncates, like Go
    total += value;
    if (total > MAX_NS + (negative ? 1n : 0n)) return fail('it is too large (more than about 292 years)');
  }
  if (negative) total = -total;
  return { ok: true, ns: total, ms: Number(total) / 1e6 };
}

/** Go's Duration.String() for a value in milliseconds: 7776000000 → "2160h0m0s", 1500 → "1.5s". */
export function formatGoDuration(ms: number): string {
  return formatGoDurationNs(BigInt(Math.round(ms * 1e6)));
}

export function formatGoDurationNs(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000_000_000n) {
    if (u < 1000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${fraction(u, 1000n)}µs`;
    return `${sign}${fraction(u, 1_000_000n)}ms`;
  }
  const seconds = fraction(u % 60_000_000_000n, 1_000_000_000n);
  const totalMinutes = u / 60_000_000_000n;
  if (totalMinutes === 0n) return `${sign}${seconds}s`;
  const hours = totalMinutes / 60n;
  const minutes = totalMinutes % 60n;
  return `${sign}${hours > 0n ? `${hours}h` : ''}${minutes}m${seconds}s`;
}

/**
 * The shortest readable Go duration for a value, rounded to whole seconds and without zero units:
 * 720h, 1h30m, 20m, 45s. What a quick-fix writes into a manifest.
 */
export function formatGoDurationShort(ms: number): string {
  let s = Math.round(ms / SECOND_MS);
  if (s === 0) return '0s';
  const sign = s < 0 ? '-' : '';
  s = Math.abs(s);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return sign + (h ? `${h}h` : '') + (m ? `${m}m` : '') + (sec ? `${sec}s` : '');
}

/** A human phrase for messages: "90 days", "36 hours", "20 minutes", "30 seconds". */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  const pick = (unit: number, name: string) => {
    const n = Math.round((ms / unit) * 10) / 10;
    return `${n} ${name}${n === 1 ? '' : 's'}`;
  };
  if (abs >= 2 * DAY_MS) return pick(DAY_MS, 'day');
  if (abs >= 2 * HOUR_MS) return pick(HOUR_MS, 'hour');
  if (abs >= 2 * MINUTE_MS) return pick(MINUTE_MS, 'minute');
  return pick(SECOND_MS, 'second');
}

function fraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return `${whole}`;
  const digits = unit.toString().length - 1;
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
