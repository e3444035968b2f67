import * as assert from 'node:assert/strict';
import { compareNumbers, LATIN_SUFFIXES, numberCode, numberKey, type DraftNumber } from '../../server/src/core/numberForms';

/**
 * `numberCode` is `numberKey` as a number where one fits: two numbers must share a code exactly when they share a key,
 * over every suffix a number can have and values up to where a double stops counting.
 */
describe('number codes (core/numberForms.ts)', () => {
  const suffixes = ['', ...LATIN_SUFFIXES, ...'abcdefghijklmnopqrstuvwxyz'];
  const values = [0, 1, 2, 61, 62, 999, 2 ** 40, 2 ** 47, 2 ** 47 + 1, 2 ** 53 - 1, 2 ** 53, 1e300, Number.POSITIVE_INFINITY];
  const numbers: DraftNumber[] = values.flatMap((value) => suffixes.map((suffix) => ({ value, suffix })));

  it('two numbers share a code exactly when they share a key', () => {
    const byCode = new Map<number | string, string>();
    for (const n of numbers) {
      const code = numberCode(n);
      const key = numberKey(n);
      const other = byCode.get(code);
      assert.ok(other === undefined || other === key, `${key} and ${other} share the code ${code}`);
      byCode.set(code, key);
      assert.equal(numberCode({ ...n }), code, `${key} has one code`);
    }
    assert.equal(new Set(byCode.values()).size, new Set(numbers.map(numberKey)).size);
  });

  // The numbering check reads the longest run in order; two different numbers that compared equal (`3a`, `3 bis`) hung it.
  it('orders numbers totally: two compare equal exactly when they share a key, and the order is antisymmetric', () => {
    const small = numbers.filter((n) => n.value <= 62);
    for (const a of small) {
      for (const b of small) {
        const ab = Math.sign(compareNumbers(a, b));
        assert.equal(ab === 0, numberKey(a) === numberKey(b), `${numberKey(a)} against ${numberKey(b)}`);
        assert.ok(ab === -Math.sign(compareNumbers(b, a)), `${numberKey(a)} against ${numberKey(b)}, both ways`);
      }
    }
  });

  it('is a number for the numbers drafts use', () => {
    assert.equal(typeof numberCode({ value: 61, suffix: '' }), 'number');
    assert.equal(typeof numberCode({ value: 61, suffix: 'bis' }), 'number');
    assert.equal(typeof numberCode({ value: 3, suffix: 'a' }), 'number');
    assert.equal(typeof numberCode({ value: 1e300, suffix: 'bis' }), 'string');
  });
});
