// Real English text for tokenizer parity: lines of the Markdown files shipped
// inside node_modules (fixed by package-lock.json, so the same on every
// `npm ci`), plus generated strings that mix scripts, digits and symbols.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function markdownFiles(dir: string, depth: number, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (name.endsWith('.md')) out.push(path);
    else if (depth > 0 && !name.startsWith('.') && statSync(path).isDirectory()) markdownFiles(path, depth - 1, out);
  }
}

export function markdownLines(root: string, limit: number): string[] {
  const files: string[] = [];
  markdownFiles(join(root, 'node_modules'), 3, files);
  const seen = new Set<string>();
  for (const file of files) {
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      const line = raw.trim();
      if (line.length < 20 || line.length > 400 || seen.has(line)) continue;
      seen.add(line);
      if (seen.size >= limit) return [...seen];
    }
  }
  return [...seen];
}

/** Deterministic strings from a mixed alphabet (Latin, accents, digits, CJK, emoji, punctuation). */
export function generatedStrings(count: number, seed = 7): string[] {
  const alphabet = [...'abcdefghijklmnopqrstuvwxyz     ABCDEFGHIJ0123456789.,;:!?-()/&%$€°µ×éèüñçøåßÆœ東京中文한국어ñ😀👍🏽★→\'"'];
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + rand(60) }, () => alphabet[rand(alphabet.length)]).join(''));
}
