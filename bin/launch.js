// Shared by the bins: picks the TypeScript source when this is a source
// checkout (scripts/ is not published), else the compiled JavaScript, and
// runs its main(argv). The exit code is set, not forced: output is flushed.
import { existsSync } from 'node:fs';

export async function launch(source, compiled) {
  const sourceUrl = new URL(source, import.meta.url);
  let entry;
  if (existsSync(sourceUrl)) {
    const { register } = await import('tsx/esm/api');
    register();
    entry = await import(sourceUrl.href);
  } else {
    entry = await import(new URL(compiled, import.meta.url).href);
  }
  process.exitCode = await entry.main(process.argv.slice(2));
}
