import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planShards } from '../../../scripts/build-index/build-plan.ts';
import { shardOf } from '../../../src/index/shard-of.ts';
import type { ItemFields } from '../../../src/model/item-text.ts';

const model = { id: 'm', sha256: 'a'.repeat(64), dtype: 'q8' as const, arithmetic: 'float32' as const };
const items: ItemFields[] = Array.from({ length: 10 }, (_, i) => ({ id: `id-${i}`, title: `Item ${i}`, brand: 'B' }));

test('the plan depends on the items, not on their order in the catalog', () => {
  const a = planShards(items, undefined, model, 4, 4);
  const b = planShards([...items].reverse(), undefined, model, 4, 4);
  assert.deepEqual(a, b);
  assert.equal(a.plan.inputs.length, 4); // 10 items at 4 a shard → 4 shards (a power of two)
  assert.equal(a.plan.count, 10);
  assert.equal(a.plan.behaviour, 'none');
  for (const [s, shard] of a.shards.entries()) {
    for (const item of shard) assert.equal(shardOf(item.id, 4), s);
    assert.deepEqual(
      shard.map((i) => i.id),
      shard.map((i) => i.id).sort(),
    );
  }
  assert.equal(a.shards.flat().find((i) => i.id === 'id-3')?.text, 'Item 3. B');
});

test("changing one title changes only its own shard's input hash", () => {
  const before = planShards(items, undefined, model, 4, 4).plan.inputs;
  const edited = items.map((i) => (i.id === 'id-7' ? { ...i, title: 'Renamed' } : i));
  const after = planShards(edited, undefined, model, 4, 4).plan.inputs;
  const changed = before.flatMap((hash, s) => (hash === after[s] ? [] : [s]));
  assert.deepEqual(changed, [shardOf('id-7', 4)]);
});

test('another model, arithmetic or dim changes every input hash', () => {
  const base = planShards(items, undefined, model, 4, 4).plan.inputs;
  const other = planShards(items, undefined, { ...model, sha256: 'b'.repeat(64) }, 4, 4).plan.inputs;
  assert.ok(base.every((hash, s) => hash !== other[s]));
  const int8 = planShards(items, undefined, { ...model, arithmetic: 'int8' }, 4, 4).plan.inputs;
  assert.ok(base.every((hash, s) => hash !== int8[s]));
  const wider = planShards(items, undefined, model, 8, 4).plan.inputs;
  assert.ok(base.every((hash, s) => hash !== wider[s]));
});

test('neighbours (ids and co-purchase counts) go into the plan, its input hash, and mark it', () => {
  const { plan, shards } = planShards(items, new Map([['id-1', [{ id: 'id-2', count: 3 }]]]), model, 4, 4);
  assert.equal(plan.behaviour, 'co-purchase');
  assert.deepEqual(shards.flat().find((i) => i.id === 'id-1')?.neighbours, [{ id: 'id-2', count: 3 }]);
  assert.deepEqual(shards.flat().find((i) => i.id === 'id-2')?.neighbours, []);
  const more = planShards(items, new Map([['id-1', [{ id: 'id-2', count: 4 }]]]), model, 4, 4).plan.inputs;
  assert.deepEqual(
    plan.inputs.flatMap((hash, s) => (hash === more[s] ? [] : [s])),
    [shardOf('id-1', 4)],
  );
});
