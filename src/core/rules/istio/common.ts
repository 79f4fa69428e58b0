// Small helpers shared by the Istio single-document rules.
import type { Resource } from '../../yaml/resource';
import type { FieldPath, Fix } from '../../types';
import type { RuleContext } from '../rule';

/** istioctl analyze code for admission-webhook errors (the resource would be rejected). */
export const IST_SCHEMA_ERROR = 'IST0106';
/** istioctl analyze code for admission-webhook warnings (accepted, but probably not what was meant). */
export const IST_SCHEMA_WARNING = 'IST0133';

/** `ns/name`, or the bare name when the document sets no namespace (as istioctl prints it). */
export function displayName(res: Resource): string {
  return res.namespace ? `${res.namespace}/${res.name}` : res.name;
}

export interface ReportOptions {
  fixes?: Fix[];
  /** Point at the key of `path` instead of its value. */
  key?: boolean;
}

/** Report an error the Istio webhook would reject the resource for (IST0106). */
export function reportSchemaError(ctx: RuleContext, res: Resource, path: FieldPath, message: string, opts: ReportOptions = {}): void {
  ctx.report({ resource: res, path, message, severity: 'error', istio: IST_SCHEMA_ERROR, ...opts });
}

/** Report a warning the Istio webhook returns while accepting the resource (IST0133). */
export function reportSchemaWarning(ctx: RuleContext, res: Resource, path: FieldPath, message: string, opts: ReportOptions = {}): void {
  ctx.report({ resource: res, path, message, severity: 'warning', istio: IST_SCHEMA_WARNING, ...opts });
}

/** The value of `x` written back as a YAML scalar, quoted when plain style would change its meaning. */
export function yamlScalar(x: string): string {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./: -]*$/.test(x) && !/[: ]$/.test(x) && !/: /.test(x) && !/^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+)$/i.test(x)
    ? x
    : JSON.stringify(x);
}

/** "a", "a or b", "a, b or c" */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Whether `text` is an integer port in 1..65535 (Istio PA port keys). */
export function isPortNumber(text: string | number): boolean {
  const s = String(text);
  if (!/^\d+$/.test(s)) return false;
  const n = Number(s);
  return n >= 1 && n <= 65535;
}
