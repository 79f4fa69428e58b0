// Inputs the fuzzer found that once broke the analysis, minimised. Each must analyse without a rule error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInput } from './check';

const alone = (text: string) => checkInput({ file: 'regression.yaml', text: '', siblings: [] }, text);

test('mapping values with toString/valueOf keys do not break String() in the parser or in rules', () => {
  // was: TypeError "Cannot convert object to primitive value" in new Resource (metadata.name) and in
  // selectorOf / classifyPa (a label value that is a list of such mappings): MTLS100-105, MTLS600-609
  const { findings } = alone(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: {toString: 1}
  namespace: payments
spec:
  selector:
    matchLabels:
      app: [{toString: -4.2e-256}]
      tier: {valueOf: 2}
  portLevelMtls:
    "8080": {mode: DISABLE}
`);
  assert.ok(Array.isArray(findings));
});
