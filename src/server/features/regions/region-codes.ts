// Pure rules of NBS division codes: 2 digits province, 4 city, 6 county, 9 township, 12 village.

const codeLengths = [2, 4, 6, 9, 12] as const;

/** True for a well-formed division code of one of the five levels. */
export function isRegionCode(code: string): boolean {
  return /^\d+$/.test(code) && (codeLengths as readonly number[]).includes(code.length);
}

/** Level 1 (province) to 5 (village) of a code. */
export function levelOfCode(code: string): number {
  return (codeLengths as readonly number[]).indexOf(code.length) + 1;
}

/** Length of the codes of a region's children, or null for a village. */
export function childCodeLength(code: string): number | null {
  const index = (codeLengths as readonly number[]).indexOf(code.length);
  return index >= 0 && index < codeLengths.length - 1 ? codeLengths[index + 1] : null;
}

/** Codes of every ancestor of a region, from the province down, not including itself. */
export function ancestorCodes(code: string): string[] {
  return codeLengths.filter((length) => length < code.length).map((length) => code.slice(0, length));
}
