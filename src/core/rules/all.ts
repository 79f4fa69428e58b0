// Every rule, by area. Each area keeps its own list so that areas can grow independently.
import type { Rule } from './rule';
import { istioRules } from './istio/index';
import { certManagerRules } from './certmanager/index';
import { linkerdRules } from './linkerd/index';
import { spiffeRules } from './spiffe/index';
import { meshRules } from './mesh/index';
import { workloadRules } from './workloads/index';
import { certificateRules } from './certificates/index';
import { parserRules } from './parser';

export const allRules: readonly Rule[] = [
  ...parserRules,
  ...istioRules,
  ...certManagerRules,
  ...linkerdRules,
  ...spiffeRules,
  ...meshRules,
  ...workloadRules,
  ...certificateRules,
];
