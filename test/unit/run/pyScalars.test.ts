// Python scalar arithmetic in run mode agrees with CPython 3.11 (every expected value and
// message below was printed by /usr/bin/python3): division by zero raises ZeroDivisionError
// with CPython's message, ints are exact past 2^53, float // and % follow floatobject.c.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initEngine, runProgram } from '../../../engine/src/index';

before(async () => {
  await initEngine();
});

function runOne(expr: string): { printed: string; error: { type: string; message: string } | null } {
  const entries = runProgram(`x = ${expr}\n`);
  assert.equal(entries.length, 1, JSON.stringify(entries));
  return { printed: entries[0].printed, error: entries[0].error };
}

test('division and modulo by zero raise ZeroDivisionError with CPython\'s message', () => {
  const cases: Array<[string, string]> = [
    ['1 // 0', 'integer division or modulo by zero'],
    ['1 % 0', 'integer modulo by zero'],
    ['1 / 0', 'division by zero'],
    ['True // False', 'integer division or modulo by zero'],
    ['1.0 / 0', 'float division by zero'],
    ['1 // 0.0', 'float floor division by zero'],
    ['5 % 0.0', 'float modulo'],
    ['0 ** -1', '0.0 cannot be raised to a negative power'],
  ];
  for (const [expr, message] of cases) {
    assert.deepEqual(runOne(expr).error, { type: 'ZeroDivisionError', message }, expr);
  }
});

test('the first ZeroDivisionError stops the run, as Python would', () => {
  const entries = runProgram('a = 1\nb = a // 0\nc = 2\n');
  assert.deepEqual(entries.map((e) => e.error?.type ?? null), [null, 'ZeroDivisionError']);
});

test('ints past 2^53 are exact, not rounded and not "?"', () => {
  const cases: Array<[string, string]> = [
    ['2 ** 100', '1267650600228229401496703205376'],
    ['2 ** 53 + 1', '9007199254740993'],
    ['2 ** 52 * 4 + 1', '18014398509481985'],
    ['10 ** 20 // 3', '33333333333333333333'],
    ['(2 ** 100) // (2 ** 98)', '4'],
    ['2 ** 53 + 1 - 2 ** 53', '1'],
    ['(0 - 10 ** 20) // 7', '-14285714285714285715'],
    ['(0 - 10 ** 20) % 7', '5'],
    ['2 ** 100 > 2 ** 99', 'True'],
    ['2 ** 100 == 2 ** 100 + 1', 'False'],
  ];
  for (const [expr, printed] of cases) assert.deepEqual(runOne(expr), { printed, error: null }, expr);
});

test('int ** negative int is a float; float // and % match CPython', () => {
  const cases: Array<[string, string]> = [
    ['2 ** -2', '0.25'],
    ['(-2) ** -3', '-0.125'],
    ['1 // 0.1', '9.0'],
    ['-1 // 0.1', '-10.0'],
    ['1 % 0.1', '0.09999999999999995'],
    ['-5 % 3.0', '1.0'],
    ['5.0 % -3', '-1.0'],
    ['7.5 // 2', '3.0'],
    ['-1.0 % float("inf")', 'inf'],
    ['1.0 ** float("nan")', '1.0'],
    ['(-1.0) ** float("inf")', '1.0'],
  ];
  for (const [expr, printed] of cases) assert.deepEqual(runOne(expr), { printed, error: null }, expr);
});

test('float overflow in ** and int-to-float conversion raise OverflowError', () => {
  assert.deepEqual(runOne('1e300 ** 2').error, { type: 'OverflowError', message: "(34, 'Numerical result out of range')" });
  assert.deepEqual(runOne('(2 ** 1100) * 1.0').error, { type: 'OverflowError', message: 'int too large to convert to float' });
  assert.deepEqual(runOne('1e308 * 10'), { printed: 'inf', error: null });
});

test('analysis of a division by zero neither throws nor reports anything', () => {
  const analysis = analyze('import torch\na = 1 // 0\nb = 1.0 / 0\nx = torch.zeros(3)\ny = x.view(2)\n');
  assert.deepEqual(analysis.notes, []);
  // The run stops at the ZeroDivisionError, but analysis goes on and still finds the view error.
  assert.deepEqual(analysis.findings.map((f) => f.range.start.line), [4]);
});

test('floats print as Python\'s repr: shortest digits, exponent below 1e-4 and from 1e16', () => {
  const cases: Array<[string, string]> = [
    ['1e16', '1e+16'],
    ['1e15', '1000000000000000.0'],
    ['1e-05', '1e-05'],
    ['0.0001', '0.0001'],
    ['123456789012345678.0', '1.2345678901234568e+17'],
    ['1 / 3 * 1e-4', '3.3333333333333335e-05'],
    ['0.1 + 0.2', '0.30000000000000004'],
    ['0.0 * -1', '-0.0'],
    ['5e-324', '5e-324'],
    ['1.7976931348623157e308', '1.7976931348623157e+308'],
  ];
  for (const [expr, printed] of cases) assert.deepEqual(runOne(expr), { printed, error: null }, expr);
});

test('int() and abs() keep ints exact, and int() of inf or nan raises as in Python', () => {
  const cases: Array<[string, string]> = [
    ['int("99999999999999999999")', '99999999999999999999'],
    ['int(1e21)', '1000000000000000000000'],
    ['int(-2.7)', '-2'],
    ['abs(0 - 2 ** 100)', '1267650600228229401496703205376'],
  ];
  for (const [expr, printed] of cases) assert.deepEqual(runOne(expr), { printed, error: null }, expr);
  assert.deepEqual(runOne('int(float("inf"))').error, { type: 'OverflowError', message: 'cannot convert float infinity to integer' });
  assert.deepEqual(runOne('int(float("nan"))').error, { type: 'ValueError', message: 'cannot convert float NaN to integer' });
});

test('a negative base to a fractional power is complex in Python: run says unsupported, analysis stays quiet', () => {
  for (const expr of ['(-8) ** 0.5', '(-2.0) ** 1.5']) {
    const { error } = runOne(expr);
    assert.equal(error?.type, 'UnsupportedError', expr);
    assert.match(error!.message, /complex/);
  }
  assert.equal(runOne('(-8) ** 2.0').printed, '64.0');
  assert.deepEqual(analyze('x = (-8) ** 0.5\ny = x + 1\n').findings, []);
});

test('int literals past 2^53, unary minus and ~ on them stay exact (values printed by CPython)', () => {
  const cases: Array<[string, string]> = [
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['-123456789012345678901234567890', '-123456789012345678901234567890'],
    ['0x1FFFFFFFFFFFFFFFFF', '590295810358705651711'],
    ['-(2 ** 60)', '-1152921504606846976'],
    ['~(2 ** 70)', '-1180591620717411303425'],
    ['~5', '-6'],
    ['9_007_199_254_740_993', '9007199254740993'],
  ];
  for (const [expr, printed] of cases) assert.equal(runOne(expr).printed, printed, expr);
});

test('augmented assignment raises like the binary operator: x //= 0', () => {
  const entries = runProgram('x = 10\nx //= 0\n');
  assert.deepEqual(entries.map((e) => e.error?.type ?? null), [null, 'ZeroDivisionError']);
  assert.equal(entries[1].error?.message, 'integer division or modulo by zero');
});
