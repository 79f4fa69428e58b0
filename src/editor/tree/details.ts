// Read-only virtual documents with a certificate chain's details (openssl-like, SPIFFE-aware, with the
// verification verdict). URIs are mtls-lens-cert:/<id>.txt; the content lives in memory only and holds
// at most certificate PEMs.
import * as vscode from 'vscode';
import { formatChain } from '../../core/x509/format';
import type { CertPayload } from './model';

export const CERT_SCHEME = 'mtls-lens-cert';

export class CertificateDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private next = 0;

  /** Store the text for a payload and return the URI to open. */
  add(payload: CertPayload): vscode.Uri {
    const name = `${++this.next}-${payload.title.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}.txt`;
    this.docs.set(name, formatChain(payload.title, payload.chain, payload.verification, new Date(), { pem: true }));
    return vscode.Uri.from({ scheme: CERT_SCHEME, path: `/${name}` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.path.slice(1)) ?? 'This certificate view is no longer available; open it again from the mTLS Lens tree.';
  }
}
