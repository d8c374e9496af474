/**
 * DIMACS min-cost-flow format reader and writer.
 *
 *   c comment
 *   p min NODES ARCS
 *   n ID SUPPLY
 *   a SRC DST LOW CAP COST
 *
 * Node ids are 1-based in the file and 0-based in FlowNetwork. The reader
 * scans the raw bytes of the file (no per-line strings) because the
 * full-scale instances have about nine million arc lines.
 */
import { readFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createFlowNetwork, type FlowNetwork } from './flow-network.ts';

/** Parse failure carrying the 1-based line number of the offending line. */
export class DimacsParseError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'DimacsParseError';
    this.line = line;
  }
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const MINUS = 45;
const PLUS = 43;
const ZERO = 48;
const NINE = 57;
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/** Parses DIMACS min-cost-flow text held in a byte buffer. */
export function parseDimacsMin(bytes: Uint8Array): FlowNetwork {
  const len = bytes.length;
  let pos = 0;
  let line = 1;
  let network: FlowNetwork | null = null;
  let arcIndex = 0;
  let nodeCount = 0;
  // End position of the last parsed number (kept in a typed array so the
  // number parser can be a plain function that V8 inlines).
  const cursor = new Int32Array(1);

  const fail = (message: string): never => {
    throw new DimacsParseError(message, line);
  };
  const field = (what: string): number => {
    const value = readNumber(bytes, pos, len, cursor);
    if (cursor[0] < 0) fail(`expected ${what}`);
    pos = cursor[0];
    return value;
  };
  const int32Field = (what: string): number => {
    const value = field(what);
    if (value > INT32_MAX || value < INT32_MIN) fail(`${what} ${value} does not fit in 32 bits`);
    return value;
  };
  const nodeField = (what: string): number => {
    const value = field(what);
    if (value < 1 || value > nodeCount) fail(`${what} ${value} outside 1..${nodeCount}`);
    return value - 1;
  };
  const endOfLine = (): void => {
    while (pos < len) {
      const b = bytes[pos];
      if (b === SPACE || b === TAB || b === CR) pos++;
      else break;
    }
    if (pos < len && bytes[pos] !== LF) fail(`unexpected text '${snippet(bytes, pos)}'`);
  };

  while (pos < len) {
    // Skip leading blanks of the line.
    let b = bytes[pos];
    while ((b === SPACE || b === TAB || b === CR) && pos < len) b = bytes[++pos];
    if (pos >= len) break;
    if (b === LF) {
      pos++;
      line++;
      continue;
    }
    if (b === 97 /* a */ && network !== null) {
      pos++;
      if (arcIndex >= network.arcCount) fail(`more arc lines than the ${network.arcCount} declared`);
      // Hot path: five numbers per arc line.
      let v = readNumber(bytes, pos, len, cursor);
      if (cursor[0] < 0) fail('expected arc source');
      pos = cursor[0];
      if (v < 1 || v > nodeCount) fail(`arc source ${v} outside 1..${nodeCount}`);
      network.source[arcIndex] = v - 1;
      v = readNumber(bytes, pos, len, cursor);
      if (cursor[0] < 0) fail('expected arc target');
      pos = cursor[0];
      if (v < 1 || v > nodeCount) fail(`arc target ${v} outside 1..${nodeCount}`);
      network.target[arcIndex] = v - 1;
      const low = int32Field('lower bound');
      const cap = int32Field('capacity');
      if (cap < low) fail(`capacity ${cap} below lower bound ${low}`);
      network.lower[arcIndex] = low;
      network.upper[arcIndex] = cap;
      network.cost[arcIndex] = field('cost');
      arcIndex++;
      endOfLine();
      continue;
    }
    if (b === 99 /* c */) {
      while (pos < len && bytes[pos] !== LF) pos++;
      continue;
    }
    if (b === 112 /* p */) {
      if (network !== null) fail('duplicate problem line');
      pos++;
      while (pos < len && (bytes[pos] === SPACE || bytes[pos] === TAB)) pos++;
      if (!(bytes[pos] === 109 && bytes[pos + 1] === 105 && bytes[pos + 2] === 110)) fail("problem line must read 'p min NODES ARCS'");
      pos += 3;
      const nodes = field('node count');
      const arcs = field('arc count');
      if (nodes < 0 || arcs < 0 || nodes > INT32_MAX - 2 || arcs > INT32_MAX - nodes) fail('node or arc count out of range');
      endOfLine();
      nodeCount = nodes;
      network = createFlowNetwork(nodes, arcs);
      continue;
    }
    if (b === 110 /* n */) {
      if (network === null) fail("node line before the 'p min' problem line");
      pos++;
      const id = nodeField('node id');
      const supply = int32Field('supply');
      endOfLine();
      network!.supply[id] += supply;
      continue;
    }
    if (b === 97 /* a */) fail("arc line before the 'p min' problem line");
    fail(`unknown line type '${snippet(bytes, pos)}'`);
  }
  if (network === null) throw new DimacsParseError("missing 'p min NODES ARCS' problem line", line);
  if (arcIndex !== network.arcCount) {
    throw new DimacsParseError(`found ${arcIndex} arc lines but the problem line declares ${network.arcCount}`, line);
  }
  return network;
}

/**
 * Reads one optionally signed decimal integer after blanks. Returns the value
 * and stores the end position in cursor[0], or -1 there if no number starts.
 */
function readNumber(bytes: Uint8Array, start: number, len: number, cursor: Int32Array): number {
  let pos = start;
  let b = bytes[pos];
  while ((b === SPACE || b === TAB) && pos < len) b = bytes[++pos];
  let negative = false;
  if (b === MINUS || b === PLUS) {
    negative = b === MINUS;
    b = bytes[++pos];
  }
  if (!(b >= ZERO && b <= NINE) || pos >= len) {
    cursor[0] = -1;
    return 0;
  }
  let value = 0;
  while (b >= ZERO && b <= NINE && pos < len) {
    value = value * 10 + (b - ZERO);
    b = bytes[++pos];
  }
  // A number must be followed by a blank, a line end or the end of input.
  if (pos < len && b !== SPACE && b !== TAB && b !== CR && b !== LF) {
    cursor[0] = -1;
    return 0;
  }
  if (value > Number.MAX_SAFE_INTEGER) {
    cursor[0] = -1;
    return 0;
  }
  cursor[0] = pos;
  return negative ? -value : value;
}

function snippet(bytes: Uint8Array, pos: number): string {
  let end = pos;
  while (end < bytes.length && end - pos < 24 && bytes[end] !== LF && bytes[end] !== CR) end++;
  return Buffer.from(bytes.subarray(pos, end)).toString('utf8');
}

/** Reads and parses a DIMACS min-cost-flow file. */
export function readDimacsMinFile(path: string): FlowNetwork {
  return parseDimacsMin(readFileSync(path));
}

/** Renders a network as DIMACS text (for small networks and tests). */
export function formatDimacsMin(network: FlowNetwork, comments: string[] = []): string {
  const parts: string[] = [];
  for (const chunk of dimacsChunks(network, comments, 1 << 30)) parts.push(chunk);
  return parts.join('');
}

/** Streams a network to a DIMACS file, honouring back-pressure. */
export async function writeDimacsMinFile(network: FlowNetwork, path: string, comments: string[] = []): Promise<void> {
  const out = createWriteStream(path);
  try {
    for (const chunk of dimacsChunks(network, comments, 1 << 16)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
  }
  await once(out, 'finish');
}

/** Yields the DIMACS text in chunks of about linesPerChunk lines. */
function* dimacsChunks(network: FlowNetwork, comments: string[], linesPerChunk: number): Generator<string> {
  let buf = '';
  for (const comment of comments) buf += `c ${comment.replace(/\n/g, ' ')}\n`;
  buf += `p min ${network.nodeCount} ${network.arcCount}\n`;
  let lines = 0;
  for (let u = 0; u < network.nodeCount; u++) {
    const s = network.supply[u];
    if (s !== 0) {
      buf += `n ${u + 1} ${s}\n`;
      if (++lines >= linesPerChunk) {
        yield buf;
        buf = '';
        lines = 0;
      }
    }
  }
  const { source, target, lower, upper, cost } = network;
  for (let a = 0; a < network.arcCount; a++) {
    buf += `a ${source[a] + 1} ${target[a] + 1} ${lower[a]} ${upper[a]} ${cost[a]}\n`;
    if (++lines >= linesPerChunk) {
      yield buf;
      buf = '';
      lines = 0;
    }
  }
  if (buf.length > 0) yield buf;
}
