// The worker entry (dist/edge-rerank.worker-<hash>.js): exposes the RerankService
// through comlink. transformers.js is imported lazily by the EncoderHost.
import { expose } from 'comlink';
import { installErrorTransfer } from './api.ts';
import { fetchNotingProgress } from './progress.ts';
import { RerankService } from './rerank-service.ts';

// Before anything fetches: model files, the runtime and index shards all count as progress.
globalThis.fetch = fetchNotingProgress(globalThis.fetch.bind(globalThis));
installErrorTransfer();
expose(new RerankService());
