// The mTLS Lens configuration file (.mtls-lens.json / .mtls-lens.yaml, or the CLI's --config):
//   { "rules": { "MTLS101": "off", "MTLS301": "error" }, "rootNamespace": "istio-system",
//     "autoMtls": true, "trustDomain": "cluster.local", "maxFileSizeMB": 5 }
// A folder that holds one is a mesh root: the files below it are analysed together, as one mesh, with
// these settings. Parsing is pure here; the CLI and the editor read the file themselves.
import { parse } from 'yaml';
import type { AnalysisSettings } from './settings';

export const CONFIG_FILE_NAMES = ['.mtls-lens.json', '.mtls-lens.yaml', '.mtls-lens.yml'] as const;

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const KNOWN = 'rules, rootNamespace, trustDomain, defaultNamespace, autoMtls, maxFileSizeMB';

export class ConfigError extends Error {}

/** Settings from a config file's text; throws ConfigError with a message naming `file` and the setting. */
export function parseConfig(text: string, file: string): Partial<AnalysisSettings> {
  let raw: any;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError(`cannot read config file '${file}': ${(e as Error).message.split('\n')[0]}`);
  }
  if (raw == null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`config file '${file}' must hold an object`);
  const out: Partial<AnalysisSettings> = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'rules':
        out.rules = readRules(file, value);
        break;
      case 'rootNamespace':
      case 'trustDomain':
      case 'defaultNamespace':
        if (typeof value !== 'string' || !value) throw new ConfigError(`${file}: '${key}' must be a non-empty string`);
        out[key] = value;
        break;
      case 'autoMtls':
        if (typeof value !== 'boolean') throw new ConfigError(`${file}: 'autoMtls' must be true or false`);
        out.autoMtls = value;
        break;
      case 'maxFileSizeMB':
        if (typeof value !== 'number' || value <= 0) throw new ConfigError(`${file}: 'maxFileSizeMB' must be a positive number`);
        out.maxFileSizeBytes = value * 1024 * 1024;
        break;
      default:
        throw new ConfigError(`${file}: unknown setting '${key}' (known: ${KNOWN})`);
    }
  }
  return out;
}

function readRules(file: string, value: unknown): AnalysisSettings['rules'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${file}: 'rules' must map rule ids to severities`);
  const rules: AnalysisSettings['rules'] = {};
  for (const [id, sev] of Object.entries(value)) {
    if (!/^MTLS\d{3}$/.test(id)) throw new ConfigError(`${file}: '${id}' is not a rule id (MTLS followed by three digits)`);
    if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) throw new ConfigError(`${file}: rule ${id} must be one of ${SEVERITIES.join(', ')}`);
    rules[id] = sev as AnalysisSettings['rules'][string];
  }
  return rules;
}

/**
 * The mesh root of `file` among `roots` (folder paths or URI prefixes without a trailing slash):
 * the deepest root that contains the file, or '' when none does.
 */
export function meshRootAmong(roots: readonly string[], file: string): string {
  let best = '';
  for (const r of roots) if (r.length > best.length && (file.startsWith(`${r}/`) || r === '')) best = r;
  return best;
}
