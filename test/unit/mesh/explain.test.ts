import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainWorkload } from '../../../src/core/mesh/explain';
import { defaultSettings } from '../../../src/core/settings';
import { indexOf, deployment, pa } from './index-of';

test('explain lists ports, the deciding chain with links, ignored PAs and authorization policies', () => {
  const files = {
    'file:///w/app.yaml': deployment('web', 'shop', { app: 'web' }, [8080, 9090]),
    'file:///w/pa.yaml': [
      pa('mesh', 'istio-system', '  mtls:\n    mode: STRICT'),
      pa('wl', 'shop', '  selector:\n    matchLabels:\n      app: web\n  portLevelMtls:\n    9090:\n      mode: DISABLE'),
      pa('root-sel', 'istio-system', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: DISABLE'),
    ].join('---\n'),
    'file:///w/ap.yaml': 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: deny-all\n  namespace: shop\nspec:\n  action: DENY\n  rules:\n    - {}\n',
  };
  const { index, workload } = indexOf(files);
  const md = explainWorkload(index, defaultSettings(), workload('web'));
  assert.match(md, /\*\*mTLS for Deployment shop\/web\*\*: STRICT/);
  assert.match(md, /\| 8080 \| STRICT \| — \|/);
  assert.match(md, /\| 9090 \| DISABLE \(port level\) \| — \|/);
  assert.match(md, /- mesh: \[PeerAuthentication istio-system\/mesh\]\(file:\/\/\/w\/pa\.yaml#L2\) — mesh-wide PeerAuthentication sets STRICT/);
  assert.match(md, /- workload: \[PeerAuthentication shop\/wl\]\(file:\/\/\/w\/pa\.yaml#L\d+\) — workload PeerAuthentication leaves the mode UNSET, so STRICT is inherited/);
  assert.match(md, /\*\*Ignored\*\*\n- \[PeerAuthentication istio-system\/root-sel\]/);
  assert.match(md, /- DENY: \[AuthorizationPolicy shop\/deny-all\]\(file:\/\/\/w\/ap\.yaml#L2\) \(namespace-wide\)/);
});
