// The protocol Istio derives for a Service port from `protocol`, `appProtocol` and the port name
// (istio `pkg/config/kube` ConvertProtocol). 'unsupported' means Istio cannot tell and falls back to
// sniffing (or plain TCP for ExternalName Services).

export type PortProtocol =
  | 'TCP'
  | 'UDP'
  | 'GRPC'
  | 'GRPC-Web'
  | 'HTTP'
  | 'HTTP_PROXY'
  | 'HTTP2'
  | 'HTTPS'
  | 'TLS'
  | 'Mongo'
  | 'Redis'
  | 'MySQL'
  | 'unsupported';

const BY_PREFIX: Record<string, PortProtocol> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

/** Ports whose protocol Istio assumes to be TCP even without a recognised name (SMTP, DNS, MySQL, MongoDB). */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

export const PROTOCOL_PREFIXES = Object.keys(BY_PREFIX);

export function servicePortProtocol(port: { port?: unknown; name?: unknown; protocol?: unknown; appProtocol?: unknown }): PortProtocol {
  if (port.protocol === 'UDP') return 'UDP';
  let name = typeof port.name === 'string' ? port.name : '';
  if (typeof port.appProtocol === 'string') {
    name = port.appProtocol;
    if (name === 'kubernetes.io/h2c') return 'HTTP2';
    if (name === 'kubernetes.io/ws') return 'HTTP';
    if (name === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (name.slice(0, 8).toLowerCase() === 'grpc-web') return 'GRPC-Web';
  const dash = name.indexOf('-');
  const prefix = (dash >= 0 ? name.slice(0, dash) : name).toLowerCase();
  const found = BY_PREFIX[prefix];
  if (found) return found;
  return WELL_KNOWN_TCP_PORTS.has(Number(port.port)) ? 'TCP' : 'unsupported';
}
