// The findings the parser itself produces (MTLS001–MTLS005). They have no check: parseYamlFile emits
// them. They are listed as rules so that they have docs, can be turned off, and appear in the rule list.
import type { Rule } from './rule';

export const parserRules: Rule[] = [
  { meta: { id: 'MTLS001', title: 'YAML syntax error', defaultSeverity: 'error' } },
  { meta: { id: 'MTLS002', title: 'Helm/Go template skipped', defaultSeverity: 'info' } },
  { meta: { id: 'MTLS003', title: 'File too large to analyse', defaultSeverity: 'info' } },
  { meta: { id: 'MTLS004', title: 'Too many YAML aliases', defaultSeverity: 'error' } },
  { meta: { id: 'MTLS005', title: 'Binary file skipped', defaultSeverity: 'info' } },
];
