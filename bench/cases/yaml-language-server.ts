// The tool mesh users have in the editor today: Red Hat's yaml-language-server (the engine of the YAML
// extension), validating the same 1,000-document file against the Istio and cert-manager CRD schemas
// (bench/crd-schemas.ts, written for this benchmark from the CRDs' field definitions), driven in-process through getLanguageService + doValidation.
// Same floor as the analysis case (the `yaml` library parsing the file), so the two rows compare.
//
// What each checks: yaml-language-server checks the *shape* of each document against its schema (types,
// enums such as mtls.mode, unknown fields). mTLS Lens checks *mTLS semantics* across documents (which
// PeerAuthentication wins for a workload and port, DestinationRule TLS against it, SPIFFE principals,
// certificate lifetimes...). The note under the table shows both on examples/broken-mesh.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../../src/core/analyzer';
import { allRules } from '../../src/core/rules/all';
import { generateManifest } from '../generate';
import { medianMsAsync, medianMs, type BenchCase } from '../harness';
import { CRD_SCHEMAS } from '../crd-schemas';


/** One schema for every document: each kind's CRD schema applies when kind and apiVersion group match. */
function meshSchema(): object {
  return {
    allOf: Object.entries(CRD_SCHEMAS).map(([kind, { group, schema }]) => ({
      if: { properties: { kind: { const: kind }, apiVersion: { type: 'string', pattern: `^${group.replace(/\./g, '\\.')}` } }, required: ['kind', 'apiVersion'] },
      then: schema,
    })),
  };
}

function languageService() {
  const ls = getLanguageService({
    schemaRequestService: (uri: string) => Promise.reject(new Error(`offline: ${uri}`)),
    workspaceContext: { resolveRelativePath: (p: string) => p },
  });
  ls.configure({ validate: true, isKubernetes: false, schemas: [{ uri: 'file:///mtls-bench/mesh-schema.json', fileMatch: ['*.yaml'], schema: meshSchema() }] });
  return ls;
}

let version = 0;
const validate = (ls: ReturnType<typeof languageService>, text: string) =>
  // a new version each time, so nothing is served from the service's document cache
  ls.doValidation(TextDocument.create('file:///mtls-bench/bench.yaml', 'yaml', ++version, text), false);

/** Diagnostics from both tools on examples/broken-mesh, to show what each one catches. */
async function onBrokenMesh(ls: ReturnType<typeof languageService>): Promise<string> {
  const dir = join(__dirname, '..', '..', 'examples', 'broken-mesh');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
  let yls = 0;
  for (const f of files) yls += (await validate(ls, f.text)).length;
  const a = new Analyzer(allRules);
  for (const f of files) a.setFile(f.file, f.text);
  const findings = [...a.run().values()].flat();
  const ids = new Set(findings.map((f) => f.ruleId));
  return `examples/broken-mesh: yaml-language-server ${yls} schema diagnostics; mTLS Lens ${findings.length} findings from ${ids.size} rules (${[...ids].sort().join(', ')})`;
}

export const yamlLanguageServerCase: BenchCase = {
  name: 'yaml-language-server, 1,000 documents',
  async run() {
    const text = generateManifest(1000);
    const floor = medianMs(() => parseAllDocuments(text).map((d) => d.toJS()));
    const ls = languageService();
    // Guard: the schemas must really be applied, or the timing would be of a validator doing nothing.
    const bad = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: x}\nspec:\n  mtls: {mode: STRICTT}\n';
    if ((await validate(ls, bad)).length === 0) throw new Error('yaml-language-server did not apply the PeerAuthentication schema');
    let diagnostics = 0;
    const value = await medianMsAsync(async () => {
      diagnostics = (await validate(ls, text)).length;
    }, 7, 2);
    return [
      {
        case: 'yaml-language-server',
        figure: `doValidation, 1,000 docs, Istio + cert-manager CRD schemas (${diagnostics} diagnostics)`,
        value,
        floor,
        floorName: 'yaml parseAllDocuments + toJS',
        unit: 'ms',
        note: await onBrokenMesh(ls),
      },
    ];
  },
};
