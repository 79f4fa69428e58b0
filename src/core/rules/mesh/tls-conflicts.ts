// Shared by MTLS600 and MTLS601: the client/server TLS pairs that conflict, grouped by the DestinationRule
// `tls` block that causes them (one finding per block, naming every workload it breaks).
import type { MeshView } from '../../mesh/view';
import { groupPairs, tlsPairsOf, type TlsPair } from '../../mesh/tls-pairing';
import type { Resource } from '../../yaml/resource';
import type { FieldPath, TextEdit } from '../../types';
import { removePair } from '../fix';

/** Fields that only make sense for SIMPLE/MUTUAL and are rejected together with ISTIO_MUTUAL. */
export const CERT_FIELDS = ['caCertificates', 'clientCertificate', 'privateKey', 'credentialName', 'caCrl', 'insecureSkipVerify'];

export interface TlsConflict {
  /** The first pair (the message names it). */
  first: TlsPair;
  dr: Resource;
  tlsPath: FieldPath;
  modePath: FieldPath;
  /** Distinct `namespace/name` of the workloads this block breaks. */
  targets: Set<string>;
  /** Edits that drop the certificate fields a mode change would make invalid. */
  certEdits: (TextEdit | undefined)[];
}

export function tlsConflicts(view: MeshView, isConflict: (p: TlsPair) => boolean): TlsConflict[] {
  const bad = tlsPairsOf(view).filter(isConflict);
  const groups = groupPairs(bad, (p) => (p.client.resource && p.client.tlsPath ? `${p.client.resource.file}#${p.client.resource.docIndex}#${p.client.tlsPath.join('/')}` : undefined));
  return [...groups.values()].map((list) => {
    const first = list[0];
    const dr = first.client.resource!;
    const tlsPath = first.client.tlsPath!;
    const tlsObj = dr.get(tlsPath) ?? {};
    return {
      first,
      dr,
      tlsPath,
      modePath: [...tlsPath, 'mode'],
      targets: new Set(list.map((p) => `${p.workload.namespace}/${p.workload.name}`)),
      certEdits: CERT_FIELDS.filter((k) => k in tlsObj).map((k) => removePair(dr, [...tlsPath, k])),
    };
  });
}
