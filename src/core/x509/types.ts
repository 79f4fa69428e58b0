// Plain, JSON-serialisable certificate data. Nothing here can hold a private key: a CertInfo is built
// from a certificate alone, and its only encoded form is the certificate's own PEM.

export interface CertInfo {
  /** Distinguished name as "CN=a, O=b" ('' for the empty subject SPIFFE SVIDs usually have). */
  subject: string;
  issuer: string;
  /** Serial number, upper-case hex without separators (as openssl prints it). */
  serial: string;
  /** ISO 8601 instants. */
  notBefore: string;
  notAfter: string;
  dnsNames: string[];
  ipAddresses: string[];
  emails: string[];
  /** URI SANs that are SPIFFE IDs (spiffe://trust-domain/path). */
  spiffeIds: string[];
  /** Every other URI SAN. */
  uris: string[];
  isCA: boolean;
  /** 'EC', 'RSA', 'Ed25519', ... (node:crypto asymmetricKeyType, upper-cased). */
  keyAlgorithm: string;
  /** Key size in bits (RSA modulus, EC curve size), when known. */
  keySize?: number;
  /** EC curve name (prime256v1, secp384r1, ...). */
  curve?: string;
  /** e.g. ecdsa-with-SHA256, when the runtime exposes it. */
  signatureAlgorithm?: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  fingerprint256: string;
  /** Subject equals issuer and the certificate verifies with its own key. */
  selfSigned: boolean;
  /** The certificate as PEM (certificate only). */
  pem: string;
}

export type ChainStatus = 'valid' | 'invalid' | 'unknown';

export interface ChainVerification {
  /** 'unknown' when no roots were given to verify against. */
  status: ChainStatus;
  /** One line a person can read: why it is valid, invalid or unknown. */
  message: string;
  /** Subjects (or SPIFFE ID when the subject is empty) from the leaf to the trust anchor that was found. */
  path: string[];
  /** Fingerprint of the root the chain ended in, when it did. */
  anchorFingerprint?: string;
}

export type ExpiryState = 'not-yet-valid' | 'expired' | 'critical' | 'warning' | 'ok';

export interface ExpiryThresholds {
  /** Fewer days left than this is critical (default 7). */
  criticalDays: number;
  /** Fewer days left than this is a warning (default 30). */
  warningDays: number;
  /**
   * Use the day counts as they are, whatever the certificate's lifetime (Linkerd's own rule). Otherwise
   * short-lived certificates are judged against their lifetime (see expiryState).
   */
  absolute?: boolean;
}

export const DEFAULT_EXPIRY: ExpiryThresholds = { criticalDays: 7, warningDays: 30 };

/** Linkerd warns when its trust anchors or issuer have fewer than 60 days left (`linkerd check`). */
export const LINKERD_EXPIRY: ExpiryThresholds = { criticalDays: 7, warningDays: 60, absolute: true };
