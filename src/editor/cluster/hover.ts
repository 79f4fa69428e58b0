// Hover over certificate data in YAML (Secret data/stringData, ConfigMap data, caBundle, ...) shows the
// decoded certificate. Pure decoding from core/x509; no cluster access, so it works offline too.
import * as vscode from 'vscode';
import { parseYamlFile } from '../../core/yaml/parse';
import { findEmbeddedCertificates } from '../../core/x509/embedded';
import { formatCertificate, certTitle } from '../../core/x509/format';
import { expiryState } from '../../core/x509/expiry';

const STATE_TEXT = { ok: 'valid', warning: 'expires soon', critical: 'expires very soon', expired: 'EXPIRED', 'not-yet-valid': 'NOT YET VALID' } as const;

export function certificateHoverProvider(): vscode.HoverProvider {
  return {
    provideHover(doc, position) {
      const text = doc.getText();
      if (!text.includes('-----BEGIN CERTIFICATE') && !text.includes('LS0tLS1CRUdJTiBDRVJUSUZJQ0FUR') && !/\bMII/.test(text)) return undefined;
      const offset = doc.offsetAt(position);
      const parsed = parseYamlFile(doc.uri.toString(), text);
      const res = parsed.resources.find((r) => offset >= doc.offsetAt(toPos(r.range.start)) && offset <= doc.offsetAt(toPos(r.range.end)));
      if (!res) return undefined;
      for (const e of findEmbeddedCertificates(res)) {
        const span = res.offsetsOf(e.path);
        if (!span || offset < span[0] || offset > span[1]) continue;
        const md = new vscode.MarkdownString();
        const now = new Date();
        if (!e.certs.length) md.appendMarkdown(`**Certificate data that could not be decoded:** ${e.errors.join('; ')}`);
        e.certs.forEach((c, i) => {
          md.appendMarkdown(`**${e.certs.length > 1 ? `${i + 1}/${e.certs.length}: ` : ''}${escape(certTitle(c))}** — ${STATE_TEXT[expiryState(c, now)]}\n`);
          md.appendCodeblock(formatCertificate(c, now), 'text');
        });
        return new vscode.Hover(md, new vscode.Range(doc.positionAt(span[0]), doc.positionAt(span[1])));
      }
      return undefined;
    },
  };
}

function toPos(p: { line: number; character: number }): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
