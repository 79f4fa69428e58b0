// Certificate decoding and verification (pure; node:crypto only).
export * from './types';
export { decodeCertificate, decodeCertificates, decodeCertificateBytes, isSpiffeUri, parseSubjectAltName } from './decode';
export { verifyChain } from './verify';
export { expiryState, describeTimeLeft, duration, daysLeft } from './expiry';
export { formatCertificate, formatChain, certTitle, trustDomainOf } from './format';
export { containsPrivateKey, looksLikeCertificateText } from './pem';
export { findEmbeddedCertificates, certificatesAt, type EmbeddedCertificates } from './embedded';
