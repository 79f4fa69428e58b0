// Reads mtlsLens.* settings into the core's AnalysisSettings.
import * as vscode from 'vscode';
import { defaultSettings, type AnalysisSettings } from '../core/settings';

export function readAnalysisSettings(): AnalysisSettings {
  const c = vscode.workspace.getConfiguration('mtlsLens');
  return defaultSettings({
    rules: { ...(c.get<Record<string, any>>('rules') ?? {}) },
    maxFileSizeBytes: Math.max(0.1, c.get<number>('maxFileSizeMB') ?? 5) * 1024 * 1024,
    // Istio mesh settings; an `istio` mesh ConfigMap in the workspace overrides them (core/mesh/mesh-config.ts).
    rootNamespace: c.get<string>('rootNamespace') || 'istio-system',
    autoMtls: c.get<boolean>('autoMtls') ?? true,
  });
}
