// Live mTLS status: pure computation of workload and policy status, lens texts, explanations and the
// `mtls-lens status` report. No I/O: the editor and the CLI hand in the indexes (workspace, cluster).
export { CombinedIndex, identityOf, isLiveResource, LIVE_FILE_PREFIX } from './combine';
export { workloadUnits, unitKey, controllerOf, type WorkloadUnit } from './units';
export { workloadStatus, podState, differs, type StatusInputs, type WorkloadStatus, type ModeAnswer, type PodState, type SvidInfo, type Dataplane } from './workload';
export { statusLenses, statusOfDocument, workloadLenses, hasStatusLens, type StatusLens, type LensOptions } from './lens';
export { explainDocument, explainWorkloadStatus, type LinkOf } from './explain';
export { allWorkloadStatuses, toJson, toTextLines, type StatusJson, type StatusJsonWorkload } from './report';
