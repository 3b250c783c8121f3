// RFC 4180 CSV: fields separated by commas, optionally quoted, "" for a quote
// inside quotes; a quoted field may span lines.

/** True while `text` ends inside an open quoted field (the record continues on the next line). */
export function csvRecordOpen(text: string): boolean {
  let open = false;
  for (const ch of text) if (ch === '"') open = !open;
  return open;
}

/** Splits one complete record into fields; undefined when its quoting is broken. */
export function parseCsvRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '"') {
      if (field !== '' || wasQuoted) return undefined; // a quote in the middle of a bare field
      quoted = true;
      wasQuoted = true;
    } else {
      if (wasQuoted) return undefined; // text after a closing quote
      field += ch;
    }
    i++;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
