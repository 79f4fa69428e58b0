// Agreement with Istio's own analyzer tests (../shared/conformance/istio-analyze). For each in-scope case,
// the case's input files are linted together (the CLI's code path, JSON shape) and the set of
// (istio code, kind, namespace/name) for the codes of that case's analyzer must equal Istio's expectation:
// nothing missing, nothing extra. Other findings on the same files are allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintPaths } from '../../../src/cli/lint';
import { FIXED_NOW } from '../helpers/analyze';

const DIR = join(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'istio-analyze');

/** The codes each in-scope Istio analyzer can emit (validation-catalog §1.2). */
const ANALYZER_CODES: Record<string, string[]> = {
  'annotations.K8sAnalyzer': ['IST0107', 'IST0108', 'IST0125', 'IST0135'],
  'gateway.SecretAnalyzer': ['IST0101', 'IST0161'],
  'gateway.CertificateAnalyzer': ['IST0138'],
  'injection.Analyzer': ['IST0102', 'IST0103', 'IST0123', 'IST0148'],
  'injection.ImageAutoAnalyzer': ['IST0146', 'IST0147'],
  'service.PortNameAnalyzer': ['IST0118', 'IST0150'],
  'authn.BlockedCIDRsAnalyzer': ['IST0175'],
  'auth.AuthorizationPoliciesAnalyzer': ['IST0127', 'IST0101'],
  'k8sgateway.SelectorAnalyzer': ['IST0166'],
  'destinationrule.CaCertificateAnalyzer': ['IST0128', 'IST0129'],
  'applicationUID.Analyzer': ['IST0144'],
};

/** The 32 cases the conformance README puts in scope (security, certificates, identity, enrolment). */
const IN_SCOPE = (name: string) =>
  [
    'misannoted',
    'gatewaySecret',
    'gatewaySecretValidations',
    'certificate duplication in Gateway',
    'istioInjection',
    'istioInjectionEnableNamespacesByDefault',
    'Detect `image: auto` in non-injected pods',
    'portNameNotFollowConvention',
    'namedPort',
    'unnamedPortInSystemNamespace',
    'ExternalNameServiceTypeInvalidPortName',
    'ExternalNameServiceTypeValidPortName',
    'blockedCIDRsMissing',
    'blockedCIDRsConfigured',
    'blockedCIDRsNoRA',
    'authorizationpolicies',
    'KubernetesGatewaySelector',
  ].includes(name) ||
  name.startsWith('destinationrule with ') ||
  name.endsWith('SecurityContext with UID 1337');

interface Case {
  case: string;
  analyzer: string;
  inputFiles: string[];
  expected: { code: string; kind: string; name: string; namespace: string | null }[];
}

if (!existsSync(join(DIR, 'EXPECTED.json'))) {
  test('conformance inputs are present', () => assert.fail(`missing ${DIR}: the shared folder must sit beside the project`));
} else {
  const cases: Case[] = JSON.parse(readFileSync(join(DIR, 'EXPECTED.json'), 'utf8')).cases;
  const inScope = cases.filter((c) => IN_SCOPE(c.case));

  test('the in-scope list covers exactly 32 cases', () => assert.equal(inScope.length, 32));

  for (const c of inScope) {
    test(`istio-analyze: ${c.case}`, () => {
      const codes = ANALYZER_CODES[c.analyzer];
      assert.ok(codes, `no code list for analyzer ${c.analyzer}`);
      const { result } = lintPaths(c.inputFiles, {
        cwd: DIR,
        settings: { now: FIXED_NOW },
        onRuleError: (id, e) => assert.fail(`rule ${id} threw: ${e.stack}`),
      });
      const key = (code: string, kind: string, ns: string | null | undefined, name: string) =>
        `${code} ${kind} ${ns ? `${ns}/` : ''}${name}`;
      const actual = new Set(
        result.findings
          .filter((f) => f.istio && codes.includes(f.istio) && f.resource)
          .map((f) => key(f.istio!, f.resource!.kind, f.resource!.namespace, f.resource!.name)),
      );
      const expected = new Set(c.expected.map((e) => key(e.code, e.kind, e.namespace, e.name)));
      assert.deepEqual([...actual].sort(), [...expected].sort());
    });
  }
}
