// One table per command: node:util parseArgs reads it, and the --help text is
// written from it, so the two cannot drift apart.
import { parseArgs } from 'node:util';
import { messageOf } from '../../src/errors.ts';

export interface CliOption {
  type: 'string' | 'boolean';
  /** Placeholder for the value in usage lines: FILE, DIR, N, … */
  value?: string;
  /** What it does (and the input format, for files). */
  help: string;
  /** Applied by parseArgs and shown in --help. */
  default?: string | boolean;
  /** Shown in --help when the default is decided at run time. */
  shownDefault?: string;
  /** Named in the command's usage line; missing → a usage error. */
  required?: boolean;
}

export type OptionTable = Record<string, CliOption>;

/** A mistake on the command line: exit code 2 with the usage. */
export class UsageError extends Error {}

export interface CommandSpec<T extends OptionTable> {
  /** "build", or "" for a program without subcommands. */
  name: string;
  summary: string;
  options: T;
  /** Paragraphs after the option list (input formats, examples). */
  notes?: readonly string[];
}

const WIDTH = 100;

function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

const flag = (name: string, o: CliOption): string => `--${name}${o.value ? ` ${o.value}` : ''}`;

/** "edge-rerank-index build --catalog FILE --out DIR [options]" */
export function usageLine(program: string, command: CommandSpec<OptionTable>): string {
  const entries = Object.entries(command.options);
  const required = entries.filter(([, o]) => o.required).map(([n, o]) => flag(n, o));
  const optional = entries.some(([n, o]) => !o.required && n !== 'help') ? ['[options]'] : [];
  return [program, command.name, ...required, ...optional].filter(Boolean).join(' ');
}

/** The full --help text of one command. */
export function commandHelp(program: string, command: CommandSpec<OptionTable>): string {
  const entries = Object.entries(command.options);
  const column = Math.min(32, Math.max(...entries.map(([n, o]) => flag(n, o).length)) + 4);
  const rows = entries.map(([name, o]) => {
    const shown = o.shownDefault ?? (o.default === undefined || o.default === false ? undefined : String(o.default));
    const text = `${o.help}${o.required ? ' (required)' : ''}${shown === undefined ? '' : ` (default: ${shown})`}`;
    const head = `  ${flag(name, o)}`;
    const pad = head.length + 2 > column ? `\n${' '.repeat(column)}` : ' '.repeat(column - head.length);
    return `${head}${pad}${wrap(text, column)}`;
  });
  const notes = (command.notes ?? []).map((n) =>
    n
      .split('\n')
      .map((line) => (line.startsWith('  ') ? line : wrap(line, 0)))
      .join('\n'),
  );
  return [
    `usage: ${usageLine(program, command)}`,
    '',
    wrap(command.summary, 0),
    '',
    'options:',
    ...rows,
    ...notes.flatMap((n) => ['', n]),
  ].join('\n');
}

type Values<T extends OptionTable> = ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>>['values'];

/** Parses argv against the table; unknown options, missing values and missing required options are UsageErrors. */
export function parseOptions<T extends OptionTable>(command: CommandSpec<T>, argv: string[]): Values<T> {
  let values: Values<T>;
  try {
    values = parseArgs({ args: argv, options: command.options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(messageOf(err));
  }
  for (const [name, o] of Object.entries(command.options)) {
    if (o.required && (values as Record<string, unknown>)[name] === undefined) {
      throw new UsageError(`${command.name ? `${command.name} ` : ''}needs ${flag(name, o)}`);
    }
  }
  return values;
}

/** A whole number ≥ min, or undefined when the option was not given. */
export function integerOption(name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} ${value}: expected a whole number ≥ ${min}`);
  return n;
}

/** One of a fixed list of words. */
export function choiceOption<C extends string>(name: string, value: string, choices: readonly C[]): C {
  if (!(choices as readonly string[]).includes(value)) {
    const words = `${choices.slice(0, -1).join(', ')}${choices.length > 1 ? ' or ' : ''}${choices[choices.length - 1]}`;
    throw new UsageError(`--${name} ${value}: expected ${words}`);
  }
  return value as C;
}
