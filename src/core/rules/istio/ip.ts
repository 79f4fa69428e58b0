// IP address and CIDR syntax as Go's net/netip accepts it (what Istio uses for ipBlocks and *.ip keys):
// dotted IPv4 without leading zeros, IPv6 with at most one `::` and an optional trailing IPv4 part, zones
// only on single addresses, prefix length within the address size.

const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p) && Number(p) <= 255);
}

export function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Error text for a value that is neither an IP nor a CIDR, or undefined when valid. */
export function ipOrCidrProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) {
    const zone = value.indexOf('%');
    const addr = zone >= 0 ? value.slice(0, zone) : value;
    if (isIPv4(addr) && zone < 0) return undefined;
    if (isIPv6(addr) && (zone < 0 || zone < value.length - 1)) return undefined;
    return `"${value}" is not an IP address`;
  }
  const addr = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const max = isIPv4(addr) ? 32 : isIPv6(addr) ? 128 : -1;
  if (max < 0) return `"${value}" is not a CIDR range (bad address part)`;
  if (!/^(?:0|[1-9]\d*)$/.test(bits) || Number(bits) > max) return `"${value}" is not a CIDR range (prefix length must be 0..${max})`;
  return undefined;
}
