// The worker entry (dist/edge-rerank.worker.js): exposes the RerankService
// through comlink. transformers.js is imported lazily by the EncoderHost.
import { expose } from 'comlink';
import { RerankService } from './rerank-service.ts';

expose(new RerankService());
