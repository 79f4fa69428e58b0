// How close a certificate is to expiry, in the words and buckets the tree, hover and CLI share.
import type { CertInfo, ExpiryState, ExpiryThresholds } from './types';
import { DEFAULT_EXPIRY } from './types';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Expired, critical, warning or ok. The day thresholds shrink for short-lived certificates: a 24-hour
 * Istio SVID with 20 hours left is healthy, not critical. Warning starts below a third of the lifetime and
 * critical below a sixth (istio-agent rotates at about half), never later than the day thresholds.
 * `t.absolute` keeps the day thresholds as they are (Linkerd's 60-day rule for anchors and issuer).
 */
export function expiryState(c: Pick<CertInfo, 'notBefore' | 'notAfter'>, now: Date, t: ExpiryThresholds = DEFAULT_EXPIRY): ExpiryState {
  const nowMs = now.getTime();
  const start = Date.parse(c.notBefore);
  if (nowMs < start) return 'not-yet-valid';
  const left = Date.parse(c.notAfter) - nowMs;
  if (left < 0) return 'expired';
  const lifetime = Date.parse(c.notAfter) - start;
  const scaled = !t.absolute && lifetime > 0;
  const critical = scaled ? Math.min(t.criticalDays * DAY, lifetime / 6) : t.criticalDays * DAY;
  const warning = scaled ? Math.min(t.warningDays * DAY, lifetime / 3) : t.warningDays * DAY;
  if (left < critical) return 'critical';
  if (left < warning) return 'warning';
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
