// npm run manifest: regenerates the committed custom-elements.json from the
// source (a unit test fails while the committed file is out of date).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifestText } from './generate.ts';

const file = fileURLToPath(new URL('../../custom-elements.json', import.meta.url));
writeFileSync(file, manifestText());
console.log(`wrote ${file}`);
