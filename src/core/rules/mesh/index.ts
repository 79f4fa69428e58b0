// Mesh-semantics rules (MTLS600–MTLS699): cross-document checks built on src/core/mesh.
import type { Rule } from '../rule';
import { strictServerPlaintextClient } from './strict-server-plaintext-client';
import { disabledServerMtlsClient } from './disabled-server-mtls-client';
import { strictWithoutClientMtls } from './strict-without-client-mtls';
import { duplicatePeerAuthentication } from './duplicate-peer-authentication';
import { rootNamespaceSelector } from './root-namespace-selector';
import { portLevelNotContainerPort } from './port-level-not-container-port';
import { selectorMatchesNoWorkload } from './selector-matches-no-workload';
import { authzMtlsAttributes } from './authz-mtls-attributes';
import { authzUnknownSource } from './authz-unknown-source';
import { authzDefaultServiceAccount } from './authz-default-service-account';

export const meshRules: Rule[] = [
  strictServerPlaintextClient,
  disabledServerMtlsClient,
  strictWithoutClientMtls,
  duplicatePeerAuthentication,
  rootNamespaceSelector,
  portLevelNotContainerPort,
  selectorMatchesNoWorkload,
  authzMtlsAttributes,
  authzUnknownSource,
  authzDefaultServiceAccount,
];
