import type { Rule } from '../rule';
import { linkerdLabelsAsAnnotations } from './labels-as-annotations';
import { linkerdExportedAnnotation } from './exported-annotation';
import { linkerdAuthorizationPolicy } from './authorization-policy';
import { linkerdMeshTlsAuthentication } from './mesh-tls-authentication';
import { linkerdServer } from './server';
import { linkerdNetworkAuthentication } from './network-authentication';
import { linkerdServerAuthorization } from './server-authorization';

export const linkerdRules: Rule[] = [
  linkerdLabelsAsAnnotations,
  linkerdExportedAnnotation,
  linkerdAuthorizationPolicy,
  linkerdMeshTlsAuthentication,
  linkerdServer,
  linkerdNetworkAuthentication,
  linkerdServerAuthorization,
];
