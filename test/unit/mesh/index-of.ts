// Builds a ResourceIndex from YAML texts for the mesh-semantics tests.
import { Analyzer } from '../../../src/core/analyzer';
import type { ResourceIndex } from '../../../src/core/index';
import { defaultSettings, type AnalysisSettings } from '../../../src/core/settings';
import { meshConfigOf, type MeshConfig } from '../../../src/core/mesh/mesh-config';
import { workloadsOf, type Workload } from '../../../src/core/mesh/workloads';

export function indexOf(files: Record<string, string> | string, settings: Partial<AnalysisSettings> = {}): {
  index: ResourceIndex;
  mesh: MeshConfig;
  workload: (name: string, namespace?: string) => Workload;
} {
  const s = defaultSettings(settings);
  const a = new Analyzer([], s);
  const all = typeof files === 'string' ? { 'test.yaml': files } : files;
  for (const [f, t] of Object.entries(all)) a.setFile(f, t);
  const mesh = meshConfigOf(a.index, s);
  return {
    index: a.index,
    mesh,
    workload(name, namespace) {
      const w = workloadsOf(a.index, s.defaultNamespace).find((x) => x.name === name && (!namespace || x.namespace === namespace));
      if (!w) throw new Error(`no workload ${name}`);
      return w;
    },
  };
}

export function deployment(name: string, ns: string, labels: Record<string, string>, ports: number[] = [8080], extra = ''): string {
  const l = Object.entries(labels).map(([k, v]) => `        ${k}: ${v}`).join('\n');
  const p = ports.map((n) => `            - containerPort: ${n}`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
${l.replace(/^ {8}/gm, '      ')}
  template:
    metadata:
      labels:
${l}
    spec:${extra}
      containers:
        - name: app
          image: example/app
          ports:
${p}
`;
}

export function pa(name: string, ns: string, body: string, meta = ''): string {
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}${meta}
spec:
${body}
`;
}
