// MTLS302: every entry of spec.usages must be a usage cert-manager knows (the CRD enum: lower case, words
// separated by spaces). `serverAuth`, `client-auth` or `ClientAuth` are rejected; the fix writes the
// canonical spelling.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND, KNOWN_USAGES } from '../../model/certmanager';
import { fix, fixes, replaceValue } from '../fix';
import { REJECTED } from './common';

/** `serverAuth`, `server-auth`, `SERVER_AUTH` → `server auth` (when that is a known usage). */
export function canonicalUsage(text: string): string | undefined {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_\s]+/g, ' ')
    .trim()
    .toLowerCase();
  const aliases: Record<string, string> = { 'smime': 's/mime', 'time stamping': 'timestamping', 'digitalsignature': 'digital signature' };
  const candidate = aliases[words] ?? words;
  return (KNOWN_USAGES as readonly string[]).includes(candidate) ? candidate : undefined;
}

export const certificateUsages: Rule = {
  meta: { id: 'MTLS302', title: 'cert-manager Certificate usages', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert?.usages) return;
    cert.usages.forEach((usage, i) => {
      if ((KNOWN_USAGES as readonly string[]).includes(usage)) return;
      const path = ['spec', 'usages', i];
      const canonical = canonicalUsage(usage);
      const hint = canonical
        ? `cert-manager spells it "${canonical}"`
        : 'known usages include "digital signature", "key encipherment", "server auth" and "client auth"';
      ctx.report({
        resource: res,
        path,
        message: `spec.usages[${i}] "${usage}" is not a key usage cert-manager knows; ${REJECTED}. ${hint[0].toUpperCase()}${hint.slice(1)}.`,
        fixes: canonical ? fixes(fix(`Write "${canonical}"`, [replaceValue(res, path, canonical)], true)) : undefined,
      });
    });
  },
};
