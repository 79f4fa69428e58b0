import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientTlsFor, resolveHost, hostMatches } from '../../../src/core/mesh/destination-rule';
import { containerPortFor, servicesOf, workloadsBehind, servicesSelecting } from '../../../src/core/mesh/services';
import { indexOf, deployment } from './index-of';

function dr(name: string, ns: string, body: string, extra = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:${extra}
${body}
`;
}

const q = { clientNs: 'shop', fqdn: 'web.shop.svc.cluster.local', serviceNs: 'shop', servicePort: 80 };

test('host resolution and matching follow Istio', () => {
  assert.equal(resolveHost('web', 'shop'), 'web.shop.svc.cluster.local');
  assert.equal(resolveHost('web.shop', 'x'), 'web.shop'); // dotted short names are not expanded
  assert.equal(resolveHost('*', 'x'), '*');
  assert.ok(hostMatches('*.local', 'web.shop.svc.cluster.local'));
  assert.ok(hostMatches('*', 'anything'));
  assert.ok(!hostMatches('*.other.svc.cluster.local', 'web.shop.svc.cluster.local'));
});

test('no DestinationRule: auto-mTLS or plaintext', () => {
  assert.equal(clientTlsFor(indexOf('').index, indexOf('').mesh, q).fallback, 'auto-mTLS');
  const off = indexOf('', { autoMtls: false });
  const t = clientTlsFor(off.index, off.mesh, q);
  assert.equal(t.mode, undefined);
  assert.equal(t.fallback, 'plaintext');
});

test('most specific host in the client namespace wins and hides a *.local rule (no inheritance)', () => {
  const docs = [
    dr('mesh', 'istio-system', '  host: "*.local"\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL'),
    dr('web', 'shop', '  host: web\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 10'),
  ].join('---\n');
  const { index, mesh } = indexOf(docs);
  const t = clientTlsFor(index, mesh, q);
  assert.equal(t.level, 'client namespace');
  assert.equal(t.mode, undefined);
  assert.equal(t.resource?.name, 'web');
  // A client in another namespace does not see the shop-local rule... it is exported to all, so level 2 wins.
  const other = clientTlsFor(index, mesh, { ...q, clientNs: 'ops' });
  assert.equal(other.level, 'service namespace');
  // ...unless it is exported only to its own namespace: then the root namespace rule applies.
  const local = indexOf(docs.replace('spec:\n  host: web', 'spec:\n  exportTo: ["."]\n  host: web'));
  const t3 = clientTlsFor(local.index, local.mesh, { ...q, clientNs: 'ops' });
  assert.equal(t3.level, 'root namespace');
  assert.equal(t3.mode, 'ISTIO_MUTUAL');
});

test('port-level settings replace the destination policy; subsets override', () => {
  const body = `  host: web.shop.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
      - port:
          number: 9000
        loadBalancer:
          simple: ROUND_ROBIN
  subsets:
    - name: v1
      labels:
        version: v1
      trafficPolicy:
        tls:
          mode: DISABLE
    - name: v2
      labels:
        version: v2
      trafficPolicy:
        portLevelSettings:
          - port:
              number: 80
            connectionPool: {}`;
  const { index, mesh } = indexOf(dr('web', 'shop', body));
  assert.equal(clientTlsFor(index, mesh, q).mode, 'ISTIO_MUTUAL');
  assert.deepEqual(clientTlsFor(index, mesh, q).tlsPath, ['spec', 'trafficPolicy', 'tls']);
  const port9000 = clientTlsFor(index, mesh, { ...q, servicePort: 9000 });
  assert.equal(port9000.mode, undefined);
  assert.equal(port9000.fallback, 'auto-mTLS');
  const v1 = clientTlsFor(index, mesh, { ...q, subset: 'v1' });
  assert.equal(v1.mode, 'DISABLE');
  assert.deepEqual(v1.tlsPath, ['spec', 'subsets', 0, 'trafficPolicy', 'tls']);
  assert.equal(clientTlsFor(index, mesh, { ...q, subset: 'v2' }).mode, undefined, 'subset port-level match without tls replaces');
});

test('same-host rules of a namespace merge: the oldest trafficPolicy wins', () => {
  const docs = [
    dr('a', 'shop', '  host: web\n  subsets:\n    - name: v1\n      labels:\n        version: v1'),
    dr('b', 'shop', '  host: web\n  trafficPolicy:\n    tls:\n      mode: SIMPLE'),
    dr('c', 'shop', '  host: web\n  trafficPolicy:\n    tls:\n      mode: DISABLE'),
  ].join('---\n');
  const { index, mesh } = indexOf(docs);
  const t = clientTlsFor(index, mesh, { ...q, subset: 'v1' });
  assert.equal(t.mode, 'SIMPLE');
  assert.equal(t.resource?.name, 'b');
  assert.deepEqual(t.chosen.map((r) => r.name), ['a', 'b', 'c']);
});

test('Service selects workloads; named and numeric targetPorts map to container ports', () => {
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http-app
    - port: 9090
`;
  const deploy = deployment('web', 'shop', { app: 'web', version: 'v1' }, [8080]).replace('- containerPort: 8080', '- containerPort: 8080\n              name: http-app');
  const { index, mesh, workload } = indexOf([svc, deploy, deployment('api', 'shop', { app: 'api' })].join('---\n'));
  const s = servicesOf(index, mesh).byFqdn.get('web.shop.svc.cluster.local')!;
  assert.deepEqual(workloadsBehind(index, mesh, s).map((w) => w.name), ['web']);
  assert.deepEqual(servicesSelecting(index, mesh, workload('web')).map((x) => x.name), ['web']);
  assert.equal(containerPortFor(workload('web'), s.ports[0].targetPort), 8080);
  assert.equal(containerPortFor(workload('web'), s.ports[1].targetPort), 9090);
  assert.equal(containerPortFor(workload('web'), 'nope'), undefined);
});
