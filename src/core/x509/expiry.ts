// How close a certificate is to expiry, in the words and buckets the tree, hover and CLI share.
import type { CertInfo, ExpiryState, ExpiryThresholds } from './types';
import { DEFAULT_EXPIRY } from './types';

const DAY = 24 * 60 * 60 * 1000;

export function expiryState(c: Pick<CertInfo, 'notBefore' | 'notAfter'>, now: Date, t: ExpiryThresholds = DEFAULT_EXPIRY): ExpiryState {
  const nowMs = now.getTime();
  if (nowMs < Date.parse(c.notBefore)) return 'not-yet-valid';
  const left = Date.parse(c.notAfter) - nowMs;
  if (left < 0) return 'expired';
  if (left < t.criticalDays * DAY) return 'critical';
  if (left < t.warningDays * DAY) return 'warning';
  return 'ok';
}

/** "expires in 12d 3h", "expired 2d ago", "valid from 2026-01-01T00:00:00.000Z". */
export function describeTimeLeft(c: Pick<CertInfo, 'notBefore' | 'notAfter'>, now: Date): string {
  const nowMs = now.getTime();
  if (nowMs < Date.parse(c.notBefore)) return `not valid until ${c.notBefore} (in ${duration(Date.parse(c.notBefore) - nowMs)})`;
  const left = Date.parse(c.notAfter) - nowMs;
  return left < 0 ? `expired ${duration(-left)} ago` : `expires in ${duration(left)}`;
}

/** The shortest useful form: "45d", "3d 4h", "5h 10m", "42s". */
export function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d >= 30) return `${d}d`;
  if (d > 0) return h ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

export function daysLeft(c: Pick<CertInfo, 'notAfter'>, now: Date): number {
  return (Date.parse(c.notAfter) - now.getTime()) / DAY;
}
