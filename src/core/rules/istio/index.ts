import type { Rule } from '../rule';
import { noCaDestinationLevel } from './destinationrule/no-ca-destination-level';
import { noCaPortLevel } from './destinationrule/no-ca-port-level';

export const istioRules: Rule[] = [noCaDestinationLevel, noCaPortLevel];
