// Analysis settings shared by the editor (from mtlsLens.* settings) and the CLI (from --config).
import type { SeveritySetting } from './types';

export interface AnalysisSettings {
  /** Per-rule severity overrides: { "MTLS101": "off" }. */
  rules: Record<string, SeveritySetting>;
  maxFileSizeBytes: number;
  maxAliasCount: number;
  /** Istio mesh root namespace (meshConfig.rootNamespace). */
  rootNamespace: string;
  /** Istio meshConfig.enableAutoMtls. */
  autoMtls: boolean;
  /** Mesh trust domain (Istio meshConfig.trustDomain, Linkerd identityTrustDomain). */
  trustDomain: string;
  /** Namespace assumed for namespaced objects that do not set one (kubectl's default). */
  defaultNamespace: string;
  /** The clock used for certificate validity (tests pin it). */
  now: Date;
}

export function defaultSettings(overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return {
    rules: {},
    maxFileSizeBytes: 5 * 1024 * 1024,
    maxAliasCount: 100,
    rootNamespace: 'istio-system',
    autoMtls: true,
    trustDomain: 'cluster.local',
    defaultNamespace: 'default',
    now: new Date(),
    ...overrides,
  };
}
