// Shared by the Istio rule tests: apply one fix of a rule's only finding.
import assert from 'node:assert/strict';
import { analyze, applyFix, only } from '../../helpers/analyze';

/** Apply the fix whose title matches (or the preferred / first one) of the first `id` finding. */
export function fixOnce(text: string, id: string, title?: RegExp): string {
  const [f] = only(analyze(text), id);
  assert.ok(f, `expected a ${id} finding`);
  const chosen = title ? f.fixes?.find((x) => title.test(x.title)) : (f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0]);
  assert.ok(chosen, `expected a fix on ${id}`);
  return applyFix(text, chosen);
}

export const count = (text: string, id: string) => only(analyze(text), id).length;
