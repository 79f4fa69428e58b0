// Helpers shared by the Linkerd rules.
import type { Resource } from '../../yaml/resource';

/** The consequence every admission-rule message states. */
export const REJECTED = "Linkerd's policy admission webhook rejects the resource, so the mTLS authorization it describes never takes effect";

export function describe(res: Resource): string {
  return res.namespace ? `${res.kind} ${res.namespace}/${res.name}` : `${res.kind} ${res.name}`;
}

/** A YAML scalar for keys and values a fix writes (label and annotation keys always need quoting care). */
export function scalar(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~|[-+]?[0-9][0-9._]*)$/i.test(text) ? text : JSON.stringify(text);
}
