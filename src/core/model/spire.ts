// SPIRE controller-manager's ClusterSPIFFEID (spire.spiffe.io/v1alpha1): the fields its admission webhook
// parses. Templates are Go text/template strings rendered per pod.

export const SPIRE_GROUP = 'spire.spiffe.io';
export const CLUSTER_SPIFFE_ID_KIND = `${SPIRE_GROUP}/ClusterSPIFFEID`;

/** Data a ClusterSPIFFEID template can use (spire-controller-manager's render context). */
export const TEMPLATE_DATA_FIELDS = ['TrustDomain', 'ClusterName', 'ClusterDomain', 'PodMeta', 'PodSpec', 'NodeMeta', 'NodeSpec'] as const;

export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key (`[prefix/]name`), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix === '' || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `the prefix "${prefix}" is not a DNS subdomain`;
  if (name === '' || name.length > 63) return 'the name part must be 1–63 characters';
  if (!LABEL_NAME.test(name)) return "the name part may only use letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
  return undefined;
}

/** Why `value` is not a valid label value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'it is longer than 63 characters';
  if (!LABEL_NAME.test(value)) return "it may only use letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
  return undefined;
}
