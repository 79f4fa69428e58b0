// SPIFFE identities in their three spellings: SPIFFE IDs (`spiffe://td/path`), Istio principals
// (`td/ns/<ns>/sa/<sa>`, no scheme) and Linkerd identities (`<sa>.<ns>.serviceaccount.identity.<cp-ns>.<td>`).
export * from './id';
export * from './istio';
export * from './linkerd';
export * from './repair';
export * from './template';
