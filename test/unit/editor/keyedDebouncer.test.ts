import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedDebouncer } from '../../../src/editor/diagnostics/keyedDebouncer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a newer schedule for the same key supersedes the pending one', async () => {
  const d = new KeyedDebouncer<string>();
  const ran: string[] = [];
  d.schedule('a', 20, () => ran.push('a1'));
  d.schedule('a', 20, () => ran.push('a2'));
  d.schedule('b', 5, () => ran.push('b1'));
  assert.equal(d.pending, 2);
  await sleep(50);
  assert.deepEqual(ran, ['b1', 'a2']);
  assert.equal(d.pending, 0);
});

test('cancel and dispose drop pending runs', async () => {
  const d = new KeyedDebouncer<string>();
  const ran: string[] = [];
  d.schedule('a', 5, () => ran.push('a'));
  d.schedule('b', 5, () => ran.push('b'));
  d.cancel('a');
  assert.equal(d.pending, 1);
  d.dispose();
  await sleep(20);
  assert.deepEqual(ran, []);
});
