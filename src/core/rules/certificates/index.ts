import type { Rule } from '../rule';
import { embeddedCertificateExpired } from './embedded-expired';
import { embeddedCertificateNotYetValid } from './embedded-not-yet-valid';
import { embeddedCertificateExpiringSoon } from './embedded-expiring-soon';

export const certificateRules: Rule[] = [embeddedCertificateExpired, embeddedCertificateNotYetValid, embeddedCertificateExpiringSoon];
