// JSON schemas for the yaml-language-server comparison, written for this benchmark from the field
// definitions of the four CRDs (names, types, enums, required fields), in the structural style
// Kubernetes CRD schemas use. They give yaml-language-server the same kind of input mesh users give it
// (a CRD-derived schema per kind); they are benchmark input only and are not shipped.

const str = { type: 'string' };
const strList = { type: 'array', items: str };
const labels = { type: 'object', additionalProperties: str };
const selector = { type: 'object', properties: { matchLabels: labels } };
const mtlsMode = { type: 'string', enum: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] };
const clientTls = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] },
    clientCertificate: str,
    privateKey: str,
    caCertificates: str,
    caCrl: str,
    credentialName: str,
    subjectAltNames: strList,
    sni: str,
    insecureSkipVerify: { type: 'boolean' },
  },
};
const trafficPolicy = {
  type: 'object',
  properties: {
    tls: clientTls,
    portLevelSettings: {
      type: 'array',
      items: { type: 'object', properties: { port: { type: 'object', properties: { number: { type: 'integer', minimum: 1, maximum: 65535 } } }, tls: clientTls } },
    },
    connectionPool: { type: 'object' },
    loadBalancer: { type: 'object' },
    outlierDetection: { type: 'object' },
  },
};
const source = {
  type: 'object',
  properties: Object.fromEntries(
    ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'].map((k) => [k, strList]),
  ),
};
const operation = {
  type: 'object',
  properties: Object.fromEntries(['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'].map((k) => [k, strList])),
};

const spec = (properties: object, required: string[] = []) => ({
  type: 'object',
  required: ['spec', ...required],
  properties: { apiVersion: str, kind: str, metadata: { type: 'object' }, spec: { type: 'object', ...properties } },
});

export const CRD_SCHEMAS: Record<string, { group: string; schema: object }> = {
  PeerAuthentication: {
    group: 'security.istio.io/',
    schema: spec({ properties: { selector, mtls: { type: 'object', properties: { mode: mtlsMode } }, portLevelMtls: { type: 'object', additionalProperties: { type: 'object', properties: { mode: mtlsMode } } } } }),
  },
  AuthorizationPolicy: {
    group: 'security.istio.io/',
    schema: spec({
      properties: {
        selector,
        action: { type: 'string', enum: ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] },
        provider: { type: 'object', properties: { name: str } },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              from: { type: 'array', items: { type: 'object', properties: { source } } },
              to: { type: 'array', items: { type: 'object', properties: { operation } } },
              when: { type: 'array', items: { type: 'object', required: ['key'], properties: { key: str, values: strList, notValues: strList } } },
            },
          },
        },
      },
    }),
  },
  DestinationRule: {
    group: 'networking.istio.io/',
    schema: spec({
      required: ['host'],
      properties: {
        host: str,
        trafficPolicy,
        subsets: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: str, labels, trafficPolicy } } },
        exportTo: strList,
        workloadSelector: { type: 'object', properties: { matchLabels: labels } },
      },
    }),
  },
  Certificate: {
    group: 'cert-manager.io/',
    schema: spec({
      required: ['secretName', 'issuerRef'],
      properties: {
        secretName: str,
        commonName: str,
        duration: str,
        renewBefore: str,
        renewBeforePercentage: { type: 'integer' },
        dnsNames: strList,
        uris: strList,
        ipAddresses: strList,
        emailAddresses: strList,
        isCA: { type: 'boolean' },
        usages: { type: 'array', items: { type: 'string', enum: ['signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc'] } },
        privateKey: { type: 'object', properties: { algorithm: { type: 'string', enum: ['RSA', 'ECDSA', 'Ed25519'] }, size: { type: 'integer' }, encoding: { type: 'string', enum: ['PKCS1', 'PKCS8'] }, rotationPolicy: { type: 'string', enum: ['Never', 'Always'] } } },
        issuerRef: { type: 'object', required: ['name'], properties: { name: str, kind: str, group: str } },
      },
    }),
  },
};
