// Builds the status inputs tests need: workspace documents, and "live" cluster objects named the way
// src/cluster/documents.ts names them (one object per cluster:// file), combined like the editor does.
import { parseAllDocuments } from 'yaml';
import { parseYamlFile } from '../../../src/core/yaml/parse';
import { CombinedIndex } from '../../../src/core/status/combine';
import { ResourceIndex } from '../../../src/core/index';
import { defaultSettings } from '../../../src/core/settings';
import type { StatusInputs } from '../../../src/core/status/workload';
import type { Resource } from '../../../src/core/yaml/resource';

export const NOW = new Date('2026-11-22T00:00:00Z');
export const settings = defaultSettings({ now: NOW });

/** Splits YAML text into one cluster:// document per object, as snapshotToDocuments does. */
export function liveFiles(context: string, text: string): { file: string; resources: Resource[] }[] {
  const out: { file: string; resources: Resource[] }[] = [];
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS();
    if (!obj || typeof obj !== 'object') continue;
    const ns = obj.metadata?.namespace ?? '_cluster';
    const file = `cluster://${context}/${ns}/${obj.kind}/${obj.metadata?.name}`;
    out.push({ file, resources: parseYamlFile(file, doc.toString()).resources });
  }
  return out;
}

export function workspaceIndex(files: Record<string, string>): ResourceIndex {
  const index = new ResourceIndex();
  for (const [file, text] of Object.entries(files)) index.setFile(file, parseYamlFile(file, text).resources);
  return index;
}

/** Workspace-only inputs. */
export function workspaceInputs(files: Record<string, string>): StatusInputs {
  return { index: workspaceIndex(files), settings, now: NOW };
}

/** Cluster inputs: `live` objects, with `open` documents applied over them. */
export function clusterInputs(live: string, open: Record<string, string> = {}, context = 'demo'): { inputs: StatusInputs; combined: CombinedIndex } {
  const combined = new CombinedIndex();
  combined.setLive(context, liveFiles(context, live));
  for (const [file, text] of Object.entries(open)) combined.setOverlay(file, parseYamlFile(file, text).resources);
  return { inputs: { index: combined.afterApply, live: combined.live, context, settings, now: NOW }, combined };
}

export function resourceIn(index: ResourceIndex, file: string, kind: string, name: string): Resource {
  const r = index.resourcesOf(file).find((x) => x.kind === kind && x.name === name);
  if (!r) throw new Error(`no ${kind} ${name} in ${file}`);
  return r;
}
