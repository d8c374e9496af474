import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DimacsParseError, formatDimacsMin, parseDimacsMin, readDimacsMinFile, writeDimacsMinFile } from './dimacs.ts';
import { generateProvinceNetwork } from './generate-province-network.ts';

const parse = (text: string) => parseDimacsMin(Buffer.from(text));

/** Asserts that parsing fails with a DimacsParseError on the given line. */
function assertParseError(text: string, line: number, pattern: RegExp): void {
  assert.throws(
    () => parse(text),
    (error: unknown) => error instanceof DimacsParseError && error.line === line && pattern.test(error.message),
  );
}

test('a small file with comments, blank lines and CRLF endings is read into 0-based arrays', () => {
  const network = parse('c demo\r\n\r\np min 3 2\r\nn 1 4\r\nn 3 -4\r\na 1 2 0 5 3\r\na 2 3 1 5 -2\r\n');
  assert.equal(network.nodeCount, 3);
  assert.deepEqual(Array.from(network.supply), [4, 0, -4]);
  assert.deepEqual(Array.from(network.source), [0, 1]);
  assert.deepEqual(Array.from(network.target), [1, 2]);
  assert.deepEqual(Array.from(network.lower), [0, 1]);
  assert.deepEqual(Array.from(network.upper), [5, 5]);
  assert.deepEqual(Array.from(network.cost), [3, -2]);
});

test('a file without a trailing newline is still read completely', () => {
  const network = parse('p min 2 1\na 1 2 0 1 7');
  assert.equal(network.cost[0], 7);
});

test('malformed files are rejected with the number of the offending line', () => {
  assertParseError('c x\np min 2 1\na 1 2 0 x 1\n', 3, /capacity/);
  assertParseError('p min 2 1\na 1 3 0 1 1\n', 2, /outside 1\.\.2/);
  assertParseError('p min 2 1\nn 1 1\nq 1\n', 3, /unknown line type/);
  assertParseError('a 1 2 0 1 1\n', 1, /before the 'p min'/);
  assertParseError('p max 2 1\n', 1, /p min/);
  assertParseError('p min 2 2\na 1 2 0 1 1\n', 3, /declares 2/);
  assertParseError('p min 2 1\na 1 2 0 1 1\na 2 1 0 1 1\n', 3, /more arc lines/);
  assertParseError('p min 2 1\na 1 2 3 1 1\n', 2, /below lower bound/);
  assertParseError('p min 2 1\na 1 2 0 1 1 9\n', 2, /unexpected text/);
  assertParseError('c only a comment\n', 2, /missing/);
});

test('a network written to disk and read back is identical', async () => {
  const { network } = generateProvinceNetwork({ seed: 3, cadres: 400, points: 180, arcs: 6000, variant: 'province' });
  const dir = mkdtempSync(join(tmpdir(), 'dimacs-'));
  try {
    const file = join(dir, 'p.min');
    await writeDimacsMinFile(network, file, ['round trip']);
    const back = readDimacsMinFile(file);
    assert.deepEqual(back, network);
    assert.equal(readFileSync(file, 'utf8'), formatDimacsMin(network, ['round trip']));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
