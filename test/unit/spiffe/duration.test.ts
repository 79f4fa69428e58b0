import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration, formatGoDuration, formatGoDurationNs, formatGoDurationShort, humanDuration, HOUR_MS, MINUTE_MS, DAY_MS } from '../../../src/core/model/duration';

const valid: [string, number][] = [
  ['2160h', 2160 * HOUR_MS],
  ['1h30m', 90 * MINUTE_MS],
  ['90m', 90 * MINUTE_MS],
  ['720h0m0s', 720 * HOUR_MS],
  ['1.5h', 90 * MINUTE_MS],
  ['.5h', 30 * MINUTE_MS],
  ['5.h', 5 * HOUR_MS],
  ['0', 0],
  ['-0', 0],
  ['+5m', 5 * MINUTE_MS],
  ['-1h', -HOUR_MS],
  ['300ms', 300],
  ['1s500ms', 1500],
  ['2us', 0.002],
  ['2µs', 0.002],
  ['2μs', 0.002],
  ['10ns', 0.00001],
  ['1h1h', 2 * HOUR_MS],
];

for (const [text, ms] of valid) {
  test(`parse ${text}`, () => {
    const r = parseGoDuration(text);
    assert.ok(r.ok, r.ok ? '' : r.message);
    if (r.ok) assert.equal(r.ms, ms);
  });
}

const invalid: [string, RegExp][] = [
  ['', /empty/],
  ['90', /missing unit/],
  ['1h30', /missing unit after '30'/],
  ['1d', /unknown unit 'd'/],
  ['1 h', /unknown unit ' h'/],
  ['h', /expected a number/],
  ['.h', /'\.' needs a digit/],
  ['-', /sign/],
  ['1H', /unknown unit 'H'/],
  ['3000000h', /too large/],
];

for (const [text, why] of invalid) {
  test(`reject ${JSON.stringify(text)}`, () => {
    const r = parseGoDuration(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, why);
  });
}

test('the largest int64 duration parses, one more does not', () => {
  assert.ok(parseGoDuration('9223372036854775807ns').ok);
  assert.equal(parseGoDuration('9223372036854775808ns').ok, false);
  assert.ok(parseGoDuration('-9223372036854775808ns').ok);
});

test("format like Go's Duration.String()", () => {
  assert.equal(formatGoDuration(2160 * HOUR_MS), '2160h0m0s');
  assert.equal(formatGoDuration(90 * MINUTE_MS), '1h30m0s');
  assert.equal(formatGoDuration(61_000), '1m1s');
  assert.equal(formatGoDuration(30_000), '30s');
  assert.equal(formatGoDuration(1500), '1.5s');
  assert.equal(formatGoDuration(1.5), '1.5ms');
  assert.equal(formatGoDuration(0), '0s');
  assert.equal(formatGoDuration(-HOUR_MS), '-1h0m0s');
  assert.equal(formatGoDurationNs(1500n), '1.5µs');
  assert.equal(formatGoDurationNs(999n), '999ns');
  assert.equal(formatGoDuration(HOUR_MS + 500), '1h0m0.5s');
});

test('format then parse round-trips', () => {
  for (const ms of [1, 999, 1000, 59_999, 3_600_000, 7_776_000_000, 123_456_789]) {
    const r = parseGoDuration(formatGoDuration(ms));
    assert.ok(r.ok);
    if (r.ok) assert.equal(r.ms, ms);
  }
});

test('short form for manifests', () => {
  assert.equal(formatGoDurationShort(720 * HOUR_MS), '720h');
  assert.equal(formatGoDurationShort(90 * MINUTE_MS), '1h30m');
  assert.equal(formatGoDurationShort(20 * MINUTE_MS), '20m');
  assert.equal(formatGoDurationShort(45_000), '45s');
  assert.equal(formatGoDurationShort(0), '0s');
});

test('human phrases', () => {
  assert.equal(humanDuration(90 * DAY_MS), '90 days');
  assert.equal(humanDuration(36 * HOUR_MS), '36 hours');
  assert.equal(humanDuration(HOUR_MS), '60 minutes');
  assert.equal(humanDuration(5 * MINUTE_MS), '5 minutes');
  assert.equal(humanDuration(1000), '1 second');
});
