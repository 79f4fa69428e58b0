// MTLS311 (field practice): renewBefore far from a third of the duration. cert-manager's own default renews
// at two thirds of the lifetime (renewBefore = duration / 3). "Far" means outside [duration/6, duration/2]:
// below 1/6 a failed renewal has little time to be retried before peers start rejecting the expired
// certificate; above 1/2 certificates are replaced (and keys rotated) twice as often as needed.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND, MIN_RENEW_BEFORE_MS } from '../../model/certmanager';
import { formatGoDurationShort, humanDuration } from '../../model/duration';
import { fix, fixes, replaceValue } from '../fix';

export const LOW_RATIO = 1 / 6;
export const HIGH_RATIO = 1 / 2;

export const renewWindow: Rule = {
  meta: { id: 'MTLS311', title: 'Renewal window far from a third of the lifetime', defaultSeverity: 'info', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert || cert.duration.state === 'invalid') return;
    const duration = cert.durationMs;
    const third = duration / 3;
    if (cert.renewBefore.state === 'set' && cert.renewBeforePercentage === undefined) {
      const rb = cert.renewBefore.ms;
      if (rb < MIN_RENEW_BEFORE_MS || rb >= duration) return; // MTLS300 reports those
      const ratio = rb / duration;
      if (ratio >= LOW_RATIO && ratio <= HIGH_RATIO) return;
      ctx.report({
        resource: res,
        path: ['spec', 'renewBefore'],
        message: `renewBefore ${cert.renewBefore.text} is ${Math.round(ratio * 100)}% of the ${humanDuration(duration)} lifetime. ${consequence(ratio)} cert-manager's default renews at two thirds of the lifetime: renewBefore ${formatGoDurationShort(third)}.`,
        fixes: fixes(fix(`Set renewBefore to ${formatGoDurationShort(third)}`, [replaceValue(res, ['spec', 'renewBefore'], formatGoDurationShort(third))], true)),
      });
      return;
    }
    const pct = cert.renewBeforePercentage;
    if (pct === undefined || cert.renewBefore.state !== 'absent' || !Number.isInteger(pct) || pct <= 0 || pct >= 100) return;
    const ratio = pct / 100;
    if (ratio >= LOW_RATIO && ratio <= HIGH_RATIO) return;
    ctx.report({
      resource: res,
      path: ['spec', 'renewBeforePercentage'],
      message: `renewBeforePercentage ${pct} renews with ${pct}% of the lifetime left. ${consequence(ratio)} cert-manager's default is 33 (renew at two thirds of the lifetime).`,
      fixes: fixes(fix('Set renewBeforePercentage to 33', [replaceValue(res, ['spec', 'renewBeforePercentage'], '33')], true)),
    });
  },
};

function consequence(ratio: number): string {
  return ratio < LOW_RATIO
    ? 'That leaves little time to retry a failed renewal before the certificate expires and mTLS handshakes start failing.'
    : 'The certificate is replaced (and its key rotated) far more often than needed, which adds issuer load and rollout churn.';
}
