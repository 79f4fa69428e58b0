// MTLS306: an Issuer/ClusterIssuer must configure exactly one issuer type, with the fields cert-manager's
// webhook requires for it: ca.secretName; acme server, privateKeySecretRef.name, caBundle xor
// skipTLSVerify, one challenge type per solver; vault server, path and an auth method; venafi zone and
// exactly one of tpp/cloud.
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { asIssuer, ISSUER_KINDS, ISSUER_TYPES } from '../../model/certmanager';
import { REJECTED } from './common';

export const issuerConfig: Rule = {
  meta: { id: 'MTLS306', title: 'cert-manager Issuer/ClusterIssuer configuration', defaultSeverity: 'error', kinds: ISSUER_KINDS },
  checkResource(res, ctx) {
    const issuer = asIssuer(res, ctx.settings.defaultNamespace);
    if (!issuer) return;
    const report = (path: FieldPath | undefined, message: string, key = false) =>
      ctx.report({ resource: res, path, key, message: `${message}; ${REJECTED}.` });

    if (issuer.types.length === 0) {
      report(res.has(['spec']) ? ['spec'] : undefined, `The ${res.kind} configures no issuer type: set exactly one of ${ISSUER_TYPES.join(', ')}`, true);
      return;
    }
    if (issuer.types.length > 1) {
      for (const t of issuer.types.slice(1)) {
        report(['spec', t], `The ${res.kind} sets more than one issuer type (${issuer.types.join(' and ')}); keep exactly one`, true);
      }
    }
    const spec = res.get(['spec']) as Record<string, any>;
    if (issuer.types.includes('ca')) checkCa(res, report);
    if (issuer.types.includes('acme')) checkAcme(res, spec.acme, report);
    if (issuer.types.includes('vault')) checkVault(spec.vault, report);
    if (issuer.types.includes('venafi')) checkVenafi(spec.venafi, report);
  },
};

type Reporter = (path: FieldPath | undefined, message: string, key?: boolean) => void;

function checkCa(res: Resource, report: Reporter): void {
  const ca = res.get(['spec', 'ca']);
  if (!ca || typeof ca !== 'object' || typeof ca.secretName !== 'string' || ca.secretName === '') {
    report(['spec', 'ca', 'secretName'], 'spec.ca.secretName is missing: a CA issuer signs with the key pair stored in that Secret (for a mesh, the intermediate CA that issues workload certificates)');
    return;
  }
  for (const field of ['ocspServers', 'issuingCertificateURLs', 'crlDistributionPoints']) {
    const list = ca[field];
    if (!Array.isArray(list)) continue;
    list.forEach((v: unknown, i: number) => {
      if (typeof v !== 'string' || v.trim() === '') report(['spec', 'ca', field, i], `spec.ca.${field}[${i}] is empty`);
    });
  }
}

function checkAcme(_res: Resource, acme: any, report: Reporter): void {
  if (!acme || typeof acme !== 'object') return report(['spec', 'acme'], 'spec.acme is empty: server and privateKeySecretRef are required', true);
  if (typeof acme.server !== 'string' || acme.server === '') report(['spec', 'acme', 'server'], 'spec.acme.server (the ACME directory URL) is missing');
  if (typeof acme.privateKeySecretRef?.name !== 'string' || acme.privateKeySecretRef.name === '') {
    report(['spec', 'acme', 'privateKeySecretRef', 'name'], 'spec.acme.privateKeySecretRef.name is missing (the Secret for the ACME account key)');
  }
  if (acme.skipTLSVerify === true && typeof acme.caBundle === 'string' && acme.caBundle !== '') {
    report(['spec', 'acme', 'skipTLSVerify'], 'spec.acme.caBundle and skipTLSVerify are mutually exclusive (and skipping verification defeats the point of TLS); keep caBundle', true);
  }
  if (Array.isArray(acme.solvers)) {
    acme.solvers.forEach((solver: any, i: number) => {
      const kinds = ['http01', 'dns01'].filter((k) => solver && typeof solver === 'object' && solver[k] != null);
      if (kinds.length !== 1) {
        report(['spec', 'acme', 'solvers', i], `spec.acme.solvers[${i}] must set exactly one of http01 or dns01 (it sets ${kinds.length === 0 ? 'neither' : 'both'})`);
      }
    });
  }
}

function checkVault(vault: any, report: Reporter): void {
  if (!vault || typeof vault !== 'object') return report(['spec', 'vault'], 'spec.vault is empty: server, path and auth are required', true);
  if (typeof vault.server !== 'string' || vault.server === '') report(['spec', 'vault', 'server'], 'spec.vault.server is missing');
  if (typeof vault.path !== 'string' || vault.path === '') report(['spec', 'vault', 'path'], 'spec.vault.path (the PKI role path, e.g. pki/sign/mesh) is missing');
  else if (vault.path.split('/').includes('..')) report(['spec', 'vault', 'path'], "spec.vault.path must not contain a '..' segment");
  const auth = vault.auth && typeof vault.auth === 'object' ? vault.auth : {};
  const methods = ['tokenSecretRef', 'appRole', 'kubernetes', 'clientCertificate', 'aws'].filter((m) => auth[m] != null);
  if (methods.length === 0) report(['spec', 'vault', 'auth'], 'spec.vault.auth configures no method: set one of tokenSecretRef, appRole, kubernetes, clientCertificate or aws', true);
  if (auth.appRole && (typeof auth.appRole.roleId !== 'string' || !auth.appRole.roleId || !auth.appRole.secretRef?.name)) {
    report(['spec', 'vault', 'auth', 'appRole'], 'spec.vault.auth.appRole needs roleId and secretRef.name', true);
  }
  if (auth.kubernetes) {
    if (typeof auth.kubernetes.role !== 'string' || auth.kubernetes.role === '') report(['spec', 'vault', 'auth', 'kubernetes'], 'spec.vault.auth.kubernetes.role is missing', true);
    const refs = ['secretRef', 'serviceAccountRef'].filter((r) => auth.kubernetes[r] != null);
    if (refs.length !== 1) report(['spec', 'vault', 'auth', 'kubernetes'], 'spec.vault.auth.kubernetes must set exactly one of secretRef or serviceAccountRef', true);
  }
  if ((vault.clientCertSecretRef == null) !== (vault.clientKeySecretRef == null)) {
    report(['spec', 'vault', vault.clientCertSecretRef == null ? 'clientKeySecretRef' : 'clientCertSecretRef'], 'spec.vault.clientCertSecretRef and clientKeySecretRef must be set together', true);
  }
  if (vault.caBundle != null && vault.caBundleSecretRef != null) {
    report(['spec', 'vault', 'caBundleSecretRef'], 'spec.vault.caBundle and caBundleSecretRef are mutually exclusive', true);
  }
}

function checkVenafi(venafi: any, report: Reporter): void {
  if (!venafi || typeof venafi !== 'object') return report(['spec', 'venafi'], 'spec.venafi is empty: zone and one of tpp or cloud are required', true);
  if (typeof venafi.zone !== 'string' || venafi.zone === '') report(['spec', 'venafi', 'zone'], 'spec.venafi.zone is missing');
  const backends = ['tpp', 'cloud', 'ngts'].filter((b) => venafi[b] != null);
  if (backends.length !== 1) report(['spec', 'venafi'], `spec.venafi must set exactly one of tpp or cloud (it sets ${backends.length === 0 ? 'none' : backends.join(' and ')})`, true);
}
