// `npm run eval` / `npx edge-rerank-eval`: see run-eval.ts.
import { main } from './run-eval.ts';

process.exitCode = await main(process.argv.slice(2));
