import * as vscode from 'vscode';
import { DEFAULT_EXPIRY, type ExpiryThresholds } from '../../core/x509/types';

/** mtlsLens.expiry.criticalDays / warningDays (Linkerd's anchors and issuer always use 60 days). */
export function readExpiryThresholds(): ExpiryThresholds {
  const c = vscode.workspace.getConfiguration('mtlsLens.expiry');
  const critical = Math.max(0, c.get<number>('criticalDays') ?? DEFAULT_EXPIRY.criticalDays);
  const warning = Math.max(critical, c.get<number>('warningDays') ?? DEFAULT_EXPIRY.warningDays);
  return { criticalDays: critical, warningDays: warning };
}
