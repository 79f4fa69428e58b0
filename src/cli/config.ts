// The CLI configuration file (`--config`, or .mtls-lens.json / .mtls-lens.yaml in the current folder).
//   { "rules": { "MTLS101": "off", "MTLS301": "error" }, "rootNamespace": "istio-system",
//     "autoMtls": true, "trustDomain": "cluster.local", "maxFileSizeMB": 5 }
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './args';
import type { AnalysisSettings } from '../core/settings';

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const DEFAULT_NAMES = ['.mtls-lens.json', '.mtls-lens.yaml', '.mtls-lens.yml'];

export function loadConfig(path: string | undefined, cwd = process.cwd()): Partial<AnalysisSettings> {
  const file = path ?? DEFAULT_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
  if (!file) return {};
  let raw: any;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read config file '${file}': ${(e as Error).message.split('\n')[0]}`);
  }
  if (raw == null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`config file '${file}' must hold an object`);
  const out: Partial<AnalysisSettings> = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'rules':
        out.rules = readRules(file, value);
        break;
      case 'rootNamespace':
      case 'trustDomain':
      case 'defaultNamespace':
        if (typeof value !== 'string' || !value) throw new UsageError(`${file}: '${key}' must be a non-empty string`);
        out[key] = value;
        break;
      case 'autoMtls':
        if (typeof value !== 'boolean') throw new UsageError(`${file}: 'autoMtls' must be true or false`);
        out.autoMtls = value;
        break;
      case 'maxFileSizeMB':
        if (typeof value !== 'number' || value <= 0) throw new UsageError(`${file}: 'maxFileSizeMB' must be a positive number`);
        out.maxFileSizeBytes = value * 1024 * 1024;
        break;
      default:
        throw new UsageError(`${file}: unknown setting '${key}' (known: rules, rootNamespace, trustDomain, defaultNamespace, autoMtls, maxFileSizeMB)`);
    }
  }
  return out;
}

function readRules(file: string, value: unknown): AnalysisSettings['rules'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${file}: 'rules' must map rule ids to severities`);
  const rules: AnalysisSettings['rules'] = {};
  for (const [id, sev] of Object.entries(value)) {
    if (!/^MTLS\d{3}$/.test(id)) throw new UsageError(`${file}: '${id}' is not a rule id (MTLS followed by three digits)`);
    if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) throw new UsageError(`${file}: rule ${id} must be one of ${SEVERITIES.join(', ')}`);
    rules[id] = sev as AnalysisSettings['rules'][string];
  }
  return rules;
}
