// The one error handler of the edge-rerank CLIs. Exit codes: 0 done,
// 1 failed (bad input files, model, device, missing dependency), 2 a mistake
// on the command line. Every failure is one line (plus the usage for 2)
// prefixed with the program's name.
import { EdgeRerankError } from '../../src/errors.ts';
import { MissingPeerError } from './peers.ts';
import { UsageError } from './option-table.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface Program {
  name: string;
  /** Short usage lines, printed after a usage error. */
  usage: string;
}

export async function runCommand(program: Program, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    const say = (text: string) => process.stderr.write(`${program.name}: ${text}\n`);
    if (err instanceof UsageError) {
      say(`${err.message}\n${program.usage}\n(${program.name} --help for every option)`);
      return EXIT_USAGE;
    }
    if (err instanceof EdgeRerankError) say(`${err.code}: ${err.message}`);
    else if (err instanceof MissingPeerError) say(err.message);
    else say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return EXIT_FAILED;
  }
}
