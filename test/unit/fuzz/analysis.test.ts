// The short fuzz run of `npm test` (a few seconds, fixed seed so CI is repeatable; `npm run fuzz` is the
// long run with fresh seeds). Hostile manifests go through the whole analysis, editor and CLI paths:
// nothing throws, no rule fails (Analyzer.onRuleError), nothing takes longer than the cap, every finding
// is well formed; alias bombs, oversized and binary files are refused with their own finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadCorpus, type SeedFile } from './corpus';
import { mutatedFileArb, retypedFileArb, randomYamlishArb } from './mutate';
import { checkInput } from './check';
import { aliasBombArb } from './bombs';
import { allRules } from '../../../src/core/rules/all';
import type { Rule } from '../../../src/core/rules/rule';

const corpus = loadCorpus();
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** Generous: the machine may be shared; a hang or a blow-up is orders of magnitude slower. */
const CAP_MS = 5000;
const empty = (file: string): SeedFile => ({ file, text: '', siblings: [] });

test('mutated real manifests: no throw, no rule error, well-formed findings (editor and CLI paths)', () => {
  fc.assert(
    fc.property(mutatedFileArb(corpus), ({ seed, text }) => {
      checkInput(seed, text, { capMs: CAP_MS, cli: true });
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('documents with a field replaced by a value of another type: no rule error', () => {
  fc.assert(
    fc.property(retypedFileArb(corpus), ({ seed, text }) => {
      checkInput(seed, text, { capMs: CAP_MS });
    }),
    { seed: SEED, numRuns: 80 },
  );
});

test('random YAML-ish text: no throw', () => {
  fc.assert(
    fc.property(randomYamlishArb, (text) => {
      checkInput(empty('random.yaml'), text, { capMs: CAP_MS });
    }),
    { seed: SEED, numRuns: 150 },
  );
});

test('alias bombs are refused with MTLS004, quickly', () => {
  fc.assert(
    fc.property(aliasBombArb, ({ text }) => {
      const { findings, ms } = checkInput(empty('bomb.yaml'), text, { capMs: CAP_MS });
      assert.ok(findings.some((f) => f.ruleId === 'MTLS004'), `no MTLS004 for:\n${text.slice(0, 300)}`);
      assert.ok(ms < CAP_MS);
    }),
    { seed: SEED, numRuns: 25 },
  );
});

test('files over the size limit are refused with MTLS003 and nothing else', () => {
  fc.assert(
    fc.property(mutatedFileArb(corpus), fc.integer({ min: 256, max: 4096 }), ({ seed, text }, limit) => {
      fc.pre(text.length > limit);
      const { findings } = checkInput({ ...seed, siblings: [] }, text, { settings: { maxFileSizeBytes: limit } });
      assert.deepEqual(findings.map((f) => f.ruleId), ['MTLS003']);
    }),
    { seed: SEED, numRuns: 30 },
  );
  // and the default limit (5 MB) with a real oversized file
  const big = corpus[0].text.repeat(Math.ceil((5.5 * 2 ** 20) / corpus[0].text.length));
  const { findings } = checkInput(empty('big.yaml'), big);
  assert.deepEqual(findings.map((f) => f.ruleId), ['MTLS003']);
});

test('a NUL byte anywhere makes the file binary (MTLS005), not a crash', () => {
  fc.assert(
    fc.property(fc.constantFrom(...corpus), fc.nat(), (seed, at) => {
      const i = at % (seed.text.length + 1);
      const { findings } = checkInput({ ...seed, siblings: [] }, seed.text.slice(0, i) + '\u0000' + seed.text.slice(i));
      assert.deepEqual(findings.map((f) => f.ruleId), ['MTLS005']);
    }),
    { seed: SEED, numRuns: 20 },
  );
});

test('the checker itself catches a rule that throws (so the properties above can fail)', () => {
  const seed = corpus.find((s) => /kind: PeerAuthentication/.test(s.text))!;
  const broken: Rule = {
    meta: { id: 'MTLS999', title: 'always throws', defaultSeverity: 'info' },
    checkResource: () => {
      throw new TypeError('boom');
    },
  };
  assert.throws(() => checkInput({ ...seed, siblings: [] }, seed.text, { rules: [...allRules, broken] }), /rule MTLS999 threw: TypeError: boom/);
});
