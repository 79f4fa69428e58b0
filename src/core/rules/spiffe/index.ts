import type { Rule } from '../rule';
import { certificateSpiffeUris } from './certificate-uris';
import { istioPrincipalSyntax } from './istio-principals';
import { singleSpiffeUri } from './single-spiffe-uri';
import { clusterSpiffeIdTemplate } from './cluster-spiffeid-template';
import { clusterSpiffeIdFederation } from './cluster-spiffeid-federation';
import { clusterSpiffeIdSelectors } from './cluster-spiffeid-selectors';
import { clusterSpiffeIdOtherTemplates } from './cluster-spiffeid-other-templates';
import { clusterSpiffeIdConvention } from './cluster-spiffeid-convention';

export const spiffeRules: Rule[] = [
  certificateSpiffeUris,
  istioPrincipalSyntax,
  singleSpiffeUri,
  clusterSpiffeIdTemplate,
  clusterSpiffeIdFederation,
  clusterSpiffeIdSelectors,
  clusterSpiffeIdOtherTemplates,
  clusterSpiffeIdConvention,
];
