// Mechanical repairs for SPIFFE IDs whose intent is obvious: surrounding spaces, an upper-case scheme or
// trust domain, doubled slashes and a trailing slash. Anything that could change which workload is meant
// (dot segments, stray characters) is left for a human.
import { parseSpiffeId, SPIFFE_PREFIX } from './id';

/** A corrected spelling of `text`, or undefined when there is none (or `text` is already valid). */
export function repairSpiffeId(text: string): string | undefined {
  let s = text.trim();
  if (s.slice(0, SPIFFE_PREFIX.length).toLowerCase() !== SPIFFE_PREFIX) return undefined;
  s = s.slice(SPIFFE_PREFIX.length);
  const slash = s.indexOf('/');
  const td = (slash < 0 ? s : s.slice(0, slash)).toLowerCase();
  let path = slash < 0 ? '' : s.slice(slash);
  path = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  const fixed = SPIFFE_PREFIX + td + path;
  return fixed !== text && parseSpiffeId(fixed).ok ? fixed : undefined;
}

/** The same repairs for an Istio principal (a SPIFFE ID without the scheme). */
export function repairIstioPrincipal(principal: string): string | undefined {
  if (principal.includes('*')) return undefined;
  const fixed = repairSpiffeId(SPIFFE_PREFIX + principal.trim());
  const result = fixed?.slice(SPIFFE_PREFIX.length);
  return result !== undefined && result !== principal ? result : undefined;
}
