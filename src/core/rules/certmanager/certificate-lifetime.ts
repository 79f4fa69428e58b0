// MTLS300: the lifetime and renewal window of a cert-manager Certificate, with cert-manager's webhook
// limits: Go-duration syntax, duration ≥ 1h, renewBefore ≥ 5m and < duration, renewBefore and
// renewBeforePercentage mutually exclusive, a percentage that yields a usable window.
import type { Rule, RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import { asCertificate, CERTIFICATE_KIND, MIN_CERTIFICATE_DURATION_MS, MIN_RENEW_BEFORE_MS, type DurationField } from '../../model/certmanager';
import { formatGoDurationShort, humanDuration } from '../../model/duration';
import { fix, fixes, replaceValue, removePair } from '../fix';
import { REJECTED } from './common';
import type { Fix } from '../../types';

export const certificateLifetime: Rule = {
  meta: { id: 'MTLS300', title: 'cert-manager Certificate duration and renewal window', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert) return;
    const durationOk = checkSyntax(res, ctx, 'duration', cert.duration);
    const renewOk = checkSyntax(res, ctx, 'renewBefore', cert.renewBefore);
    const duration = cert.durationMs;
    const durationText = cert.duration.state === 'set' ? `duration ${cert.duration.text}` : 'the default duration of 90 days (2160h)';

    if (durationOk && cert.duration.state === 'set' && duration < MIN_CERTIFICATE_DURATION_MS) {
      ctx.report({
        resource: res,
        path: ['spec', 'duration'],
        message: `spec.duration ${cert.duration.text} is shorter than cert-manager's minimum of 1h; ${REJECTED}. Use at least 1h (workload certificates typically live 24h).`,
        fixes: fixes(fix('Set duration to 1h', [replaceValue(res, ['spec', 'duration'], '1h')], true)),
      });
    }

    const pct = cert.renewBeforePercentage;
    if (cert.renewBefore.state !== 'absent' && res.has(['spec', 'renewBeforePercentage'])) {
      const msg = `spec.renewBefore and spec.renewBeforePercentage are mutually exclusive; ${REJECTED}. Keep one of them.`;
      const dropPct = fix('Remove renewBeforePercentage', [removePair(res, ['spec', 'renewBeforePercentage'])]);
      const dropAbs = fix('Remove renewBefore', [removePair(res, ['spec', 'renewBefore'])]);
      ctx.report({ resource: res, path: ['spec', 'renewBefore'], key: true, message: msg, fixes: fixes(dropPct, dropAbs) });
      ctx.report({ resource: res, path: ['spec', 'renewBeforePercentage'], key: true, message: msg, fixes: fixes(dropPct, dropAbs) });
    }

    if (renewOk && cert.renewBefore.state === 'set' && durationOk) {
      const rb = cert.renewBefore.ms;
      const third = fix(`Set renewBefore to ${formatGoDurationShort(duration / 3)} (a third of the duration)`, [
        replaceValue(res, ['spec', 'renewBefore'], formatGoDurationShort(duration / 3)),
      ], true);
      if (rb < MIN_RENEW_BEFORE_MS) {
        ctx.report({
          resource: res,
          path: ['spec', 'renewBefore'],
          message: `spec.renewBefore ${cert.renewBefore.text} is shorter than cert-manager's minimum of 5m; ${REJECTED}. A window this short also leaves no time to retry a failed renewal before the mTLS certificate expires.`,
          fixes: duration / 3 >= MIN_RENEW_BEFORE_MS ? fixes(third) : undefined,
        });
      } else if (rb >= duration) {
        ctx.report({
          resource: res,
          path: ['spec', 'renewBefore'],
          message: `spec.renewBefore ${cert.renewBefore.text} is not shorter than ${durationText}; ${REJECTED} (otherwise it would renew forever). Make renewBefore well below the duration, e.g. a third of it.`,
          fixes: fixes(third),
        });
      }
    }

    if (typeof pct === 'number' && durationOk) checkPercentage(res, ctx, pct, duration);
    else if (res.has(['spec', 'renewBeforePercentage']) && pct === undefined) {
      ctx.report({
        resource: res,
        path: ['spec', 'renewBeforePercentage'],
        message: `spec.renewBeforePercentage must be an integer percentage (1–99); ${REJECTED}.`,
      });
    }
  },
};

function checkPercentage(res: Resource, ctx: RuleContext, pct: number, duration: number): void {
  // renewBeforePercentage: renew when this share of the lifetime is left, i.e. window = duration × pct / 100.
  const window = (duration * pct) / 100;
  let problem: string | undefined;
  if (!Number.isInteger(pct)) problem = `spec.renewBeforePercentage ${pct} is not an integer`;
  else if (pct <= 0 || pct >= 100) problem = `spec.renewBeforePercentage ${pct} is outside 1–99`;
  else if (window < MIN_RENEW_BEFORE_MS) problem = `spec.renewBeforePercentage ${pct} gives a renewal window of ${humanDuration(window)}, under cert-manager's minimum of 5m`;
  if (!problem) return;
  const f: Fix | undefined = (duration * 33) / 100 >= MIN_RENEW_BEFORE_MS
    ? fix('Set renewBeforePercentage to 33 (renew at two thirds of the lifetime)', [replaceValue(res, ['spec', 'renewBeforePercentage'], '33')], true)
    : undefined;
  ctx.report({ resource: res, path: ['spec', 'renewBeforePercentage'], message: `${problem}; ${REJECTED}.`, fixes: fixes(f) });
}

/** Report a duration field that is not a Go duration; returns whether the field is usable. */
function checkSyntax(res: Resource, ctx: RuleContext, field: 'duration' | 'renewBefore', value: DurationField): boolean {
  if (value.state !== 'invalid') return true;
  const days = /^\s*(\d+)\s*d\s*$/.exec(value.text);
  const suggestion = days ? `${Number(days[1]) * 24}h` : undefined;
  ctx.report({
    resource: res,
    path: ['spec', field],
    message: `spec.${field} "${value.text}" is not a Go duration (${value.message}); ${REJECTED}. Write it with h/m/s units, e.g. ${suggestion ?? (field === 'duration' ? '2160h for 90 days' : '720h for 30 days')}.`,
    fixes: suggestion ? fixes(fix(`Write ${value.text} as ${suggestion}`, [replaceValue(res, ['spec', field], suggestion)], true)) : undefined,
  });
  return false;
}
