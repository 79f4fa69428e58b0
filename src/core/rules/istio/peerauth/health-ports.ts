// Ports where plaintext is expected: probes and metrics scrapers usually come from outside the mesh
// (kubelet, a Prometheus without a sidecar). Disabling mTLS on these is common and harmless; on any
// other port it usually exposes application traffic. The list is deliberately short and documented in
// docs/rules/MTLS105.md.
export const HEALTH_AND_METRICS_PORTS: ReadonlyMap<number, string> = new Map([
  [15020, 'Istio merged metrics / health aggregation (pilot-agent)'],
  [15021, 'Istio sidecar health check'],
  [15090, 'Envoy Prometheus telemetry'],
  [9090, 'Prometheus / common app metrics'],
  [9091, 'Prometheus Pushgateway / common app metrics'],
  [9100, 'node_exporter'],
  [9102, 'statsd_exporter / common app metrics'],
  [9104, 'mysqld_exporter'],
  [9113, 'nginx-prometheus-exporter'],
  [9121, 'redis_exporter'],
  [9153, 'CoreDNS metrics'],
  [9187, 'postgres_exporter'],
]);
