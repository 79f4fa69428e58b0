// The command line as users run it: the built bundle in a child process (exit codes, formats, errors).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Ajv from 'ajv-draft-04';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'mtls-lens.js');
let dir = '';

function cli(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'mtls-cli-'));
  mkdirSync(join(dir, 'm', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'm', 'ok.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n');
  writeFileSync(join(dir, 'm', 'sub', 'broken.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  bad: [\n');
  writeFileSync(join(dir, 'm', 'notes.txt'), 'not yaml');
});

test('lint of a folder finds YAML recursively; an error-level finding exits 1', () => {
  const r = cli(['lint', 'm']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^m\/sub\/broken\.yml:6:1: error MTLS001: YAML syntax error/m);
  assert.match(r.out, /2 files analysed: \d+ error\(s\)/);
});

test('a clean file exits 0', () => {
  const r = cli(['lint', 'm/ok.yaml']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /1 file analysed: 0 error\(s\)/);
});

test('JSON output has the documented shape with 1-based positions and relative paths', () => {
  const r = cli(['lint', 'm/**/*.yml', '--format', 'json']);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json.version, 1);
  const f = json.findings[0];
  assert.equal(f.file, 'm/sub/broken.yml');
  assert.equal(f.code, 'MTLS001');
  assert.equal(f.severity, 'error');
  assert.deepEqual(Object.keys(f.range.start), ['line', 'column']);
  assert.ok(f.range.start.line >= 1 && f.range.start.column >= 1);
});

test('bad usage and unreadable input exit 2 with a message saying what and where', () => {
  const missing = cli(['lint', 'nope.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read 'nope\.yaml'/);
  const badFormat = cli(['lint', 'm', '--format', 'xml']);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /--format must be one of text, json, sarif/);
  const unknown = cli(['lint', '--frmat', 'json']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown option --frmat/);
  writeFileSync(join(dir, 'bad-config.json'), '{"rules": {"MTLS1": "off"}}');
  const badConfig = cli(['lint', 'm', '--config', 'bad-config.json']);
  assert.equal(badConfig.code, 2);
  assert.match(badConfig.err, /'MTLS1' is not a rule id/);
});

test('a config file turns a rule off and --severity filters', () => {
  writeFileSync(join(dir, 'off.json'), '{"rules": {"MTLS001": "off"}}');
  assert.equal(cli(['lint', 'm', '--config', 'off.json']).code, 0);
  writeFileSync(join(dir, 'warn.yaml'), 'rules:\n  MTLS001: warning\n');
  const r = cli(['lint', 'm', '--config', 'warn.yaml', '--severity', 'error', '--format', 'json']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out).findings, []);
});

test('SARIF output validates against the SARIF 2.1.0 schema', () => {
  const r = cli(['lint', 'm', '--format', 'sarif']);
  assert.equal(r.code, 1);
  const log: any = JSON.parse(r.out);
  const schemaPath = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  const valid = validate(log as object); // a separate variable: the type guard would narrow `log` to unknown
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  assert.equal(log.runs[0].results[0].ruleId, 'MTLS001');
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'm/sub/broken.yml');
  // a broken log must fail validation (the check can fail)
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);
});

test('rules lists every rule with its id', () => {
  const r = cli(['rules', '--format', 'json']);
  assert.equal(r.code, 0);
  const ids = JSON.parse(r.out).map((m: { id: string }) => m.id);
  assert.ok(ids.includes('MTLS001'));
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
});

test('folders with a .mtls-lens file are linted as separate meshes with their own settings', () => {
  const pa = (mode: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: ${mode}\n`;
  mkdirSync(join(dir, 'meshes', 'prod'), { recursive: true });
  mkdirSync(join(dir, 'meshes', 'dev'), { recursive: true });
  writeFileSync(join(dir, 'meshes', 'prod', 'mesh.yaml'), pa('STRICT'));
  writeFileSync(join(dir, 'meshes', 'dev', 'mesh.yaml'), pa('PERMISSIVE'));
  const codes = () => JSON.parse(cli(['lint', 'meshes', '--format', 'json']).out).findings.map((f: { code: string; file: string }) => `${f.code} ${f.file}`);
  // without markers both files are one mesh: two mesh-wide PeerAuthentications
  assert.ok(codes().some((c: string) => c.startsWith('MTLS603')));
  writeFileSync(join(dir, 'meshes', 'prod', '.mtls-lens.yaml'), 'rootNamespace: istio-system\n');
  writeFileSync(join(dir, 'meshes', 'dev', '.mtls-lens.json'), '{"rules": {"MTLS103": "off"}}');
  const split = codes();
  assert.ok(!split.some((c: string) => c.startsWith('MTLS603')), split.join('\n'));
  assert.ok(!split.some((c: string) => c.startsWith('MTLS103')), 'dev/.mtls-lens.json turns MTLS103 off there');
});

test('an absolute path works and is reported as given, relative to the current folder', () => {
  const r = cli(['lint', join(dir, 'm', 'ok.yaml'), '--format', 'json']);
  assert.equal(r.code, 0, r.err);
});
