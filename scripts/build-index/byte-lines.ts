// Reads a file as lines of raw bytes, so each line's UTF-8 can be checked on
// its own: one bad line is skipped and reported, not the whole file.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { EdgeRerankError, messageOf } from '../../src/errors.ts';

export interface ByteLine {
  /** 1-based, as editors count. */
  number: number;
  bytes: Buffer;
}

export async function* byteLines(path: string, label = path): AsyncGenerator<ByteLine> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch (err) {
    throw new EdgeRerankError('input', `${label}: cannot be read (${messageOf(err)})`, { cause: err });
  }
  let carry: Buffer = Buffer.alloc(0);
  let number = 0;
  for await (const chunk of createReadStream(path)) {
    const data = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl; // CRLF files
      yield { number: ++number, bytes: data.subarray(start, end) };
      start = nl + 1;
    }
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length) yield { number: number + 1, bytes: carry };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The line's text, or undefined when it is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
