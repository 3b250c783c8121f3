// Catalog and interaction readers on small files written by the test:
// every bad line is skipped with its file:line and reason.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalog } from '../../../scripts/build-index/catalog.ts';
import { readInteractions } from '../../../scripts/build-index/interactions.ts';
import { parseCsvRecord } from '../../../scripts/build-index/csv-record.ts';

const dir = mkdtempSync(join(tmpdir(), 'catalog-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('JSONL: bad lines are skipped with file:line and reason, good ones kept in order', async () => {
  const path = file(
    'c.jsonl',
    [
      '{"id":"a","title":"Beaker 250 ml","category":"Glassware","brand":"Acme"}',
      '{"id":"b","title":',
      '',
      '{"id":"c","title":"   "}',
      '{"title":"no id"}',
      '["not","an","object"]',
      '{"id":42,"title":"Numeric id","category":["Tools","Measuring"]}',
    ].join('\n'),
  );
  const catalog = await readCatalog(path, 'c.jsonl');
  assert.deepEqual(catalog.items, [
    { id: 'a', title: 'Beaker 250 ml', category: 'Glassware', brand: 'Acme' },
    { id: '42', title: 'Numeric id', category: 'Tools > Measuring' },
  ]);
  assert.deepEqual(
    catalog.skipped.map((p) => `${p.where} ${p.reason}`),
    ['c.jsonl:2 malformed JSON', 'c.jsonl:4 empty or missing title', 'c.jsonl:5 missing id', 'c.jsonl:6 not an object'],
  );
  assert.equal(catalog.lines, 7);
});

test('duplicate ids: the last line wins and the earlier one is reported', async () => {
  const path = file('d.jsonl', '{"id":"x","title":"old"}\n{"id":"y","title":"other"}\n{"id":"x","title":"new"}\n');
  const catalog = await readCatalog(path, 'd.jsonl');
  assert.deepEqual(catalog.items, [
    { id: 'y', title: 'other' },
    { id: 'x', title: 'new' },
  ]);
  assert.equal(catalog.duplicates.length, 1);
  assert.equal(catalog.duplicates[0]?.where, 'd.jsonl:1');
  assert.match(catalog.duplicates[0]?.detail ?? '', /id x again at line 3/);
});

test('invalid UTF-8 skips that line only; a 100 kB title is kept (the template cuts it)', async () => {
  const long = 'x'.repeat(100_000);
  const path = file(
    'u.jsonl',
    Buffer.concat([
      Buffer.from('{"id":"ok","title":"fine"}\n{"id":"bad","title":"caf'),
      Buffer.from([0xc3, 0x28]), // an invalid 2-byte sequence
      Buffer.from(`"}\n{"id":"long","title":"${long}"}\r\n`),
    ]),
  );
  const catalog = await readCatalog(path, 'u.jsonl');
  assert.deepEqual(
    catalog.items.map((i) => i.id),
    ['ok', 'long'],
  );
  assert.equal(catalog.items[1]?.title.length, 100_000);
  assert.deepEqual(
    catalog.skipped.map((p) => `${p.where} ${p.reason}`),
    ['u.jsonl:2 invalid UTF-8'],
  );
});

test('an empty file gives no items and no problems', async () => {
  const catalog = await readCatalog(file('empty.jsonl', ''), 'empty.jsonl');
  assert.deepEqual(catalog.items, []);
  assert.equal(catalog.lines, 0);
});

test('CSV with a header, quoted commas, quotes and a field spanning lines', async () => {
  const path = file(
    'c.csv',
    [
      '\uFEFFid,Title,category,brand',
      'p1,"Caliper, digital",Measuring,Acme',
      'p2,"The ""best"" gloves",Safety,',
      'p3,"two',
      'lines",Misc,B',
      'p4,too,many,fields,here',
      'p5,"broken"quote,x,y',
    ].join('\r\n'),
  );
  const catalog = await readCatalog(path, 'c.csv');
  assert.deepEqual(catalog.items, [
    { id: 'p1', title: 'Caliper, digital', category: 'Measuring', brand: 'Acme' },
    { id: 'p2', title: 'The "best" gloves', category: 'Safety' },
    { id: 'p3', title: 'two\nlines', category: 'Misc', brand: 'B' },
  ]);
  assert.deepEqual(
    catalog.skipped.map((p) => `${p.where} ${p.reason}`),
    ['c.csv:6 malformed CSV (5 fields, header has 4)', 'c.csv:7 malformed CSV'],
  );
});

test('parseCsvRecord splits by hand-checkable rules', () => {
  assert.deepEqual(parseCsvRecord('a,,"b,c"'), ['a', '', 'b,c']);
  assert.deepEqual(parseCsvRecord('""'), ['']);
  assert.equal(parseCsvRecord('a"b'), undefined);
});

test('interactions: {user, items} lines and {user, item, time} events become time-ordered sequences', async () => {
  const path = file(
    'i.jsonl',
    [
      '{"user":"u1","items":["a","b"]}',
      '{"user":"u2","item":"z","type":"view","time":30}',
      '{"user":"u2","item":"x","type":"purchase","time":10}',
      'garbage',
      '{"user":"u2","item":"y","type":"view","time":"1970-01-01T00:00:00.020Z"}',
      '{"item":"no user"}',
    ].join('\n'),
  );
  const interactions = await readInteractions(path, 'i.jsonl');
  assert.deepEqual(interactions.histories, [
    ['a', 'b'],
    ['x', 'y', 'z'],
  ]);
  assert.equal(interactions.events, 5);
  assert.deepEqual(
    interactions.skipped.map((p) => `${p.where} ${p.reason}`),
    ['i.jsonl:4 malformed JSON', 'i.jsonl:6 missing user'],
  );
});

test('a missing catalog is an input error naming the file', async () => {
  await assert.rejects(
    readCatalog(join(dir, 'nope.jsonl'), 'nope.jsonl'),
    (err: unknown) => err instanceof Error && 'code' in err && err.code === 'input' && err.message.startsWith('nope.jsonl: cannot be read'),
  );
  await assert.rejects(
    readInteractions(join(dir, 'nope.jsonl'), 'log.jsonl'),
    (err: unknown) => err instanceof Error && 'code' in err && err.code === 'input' && err.message.startsWith('log.jsonl: cannot be read'),
  );
});

test('ids must be strings or numbers: a list is not an id', async () => {
  const catalog = await readCatalog(file('ids.jsonl', '{"id":["a","b"],"title":"x"}\n'), 'ids.jsonl');
  assert.deepEqual(
    catalog.skipped.map((p) => p.reason),
    ['missing id'],
  );
});
