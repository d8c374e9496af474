// The two wire formats of GeoReport v2: JSON as it is, and XML with the spec's element names
// (a list `services` holds `service` elements, `attributes` holds `attribute`, …). Errors are a
// list of {code, description} in either format. Pure: no I/O.
import { XMLBuilder } from 'fast-xml-parser';
import { AppError } from '../../lib/errors.ts';

export const open311Formats = ['json', 'xml'] as const;
export type Open311Format = (typeof open311Formats)[number];

export const contentTypes: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format named by the path's extension; anything else is a resource that does not exist. */
export function formatOf(extension: string): Open311Format {
  if ((open311Formats as readonly string[]).includes(extension)) return extension as Open311Format;
  throw new AppError('NOT_FOUND', `不支持的格式“${extension}”（可用 .json 或 .xml）`, `unsupported format “${extension}” (use .json or .xml)`);
}

/** The format a failed request asked for, read from its path (XML, the spec's required format, otherwise). */
export function formatOfPath(url: string): Open311Format {
  return /\.json(?:$|\?)/.test(url) ? 'json' : 'xml';
}

// Lists nested inside a document and the name of one item of each.
const itemNames: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

function toXmlTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toXmlTree);
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // An empty list still shows its element (<attributes></attributes>).
    out[key] = key in itemNames && Array.isArray(item) ? (item.length ? { [itemNames[key]]: item.map(toXmlTree) } : '') : toXmlTree(item);
  }
  return out;
}

// Keys are the fixed names of the spec, never user data; text and attribute values are escaped.
const builder = new XMLBuilder({ format: true, processEntities: true, ignoreAttributes: false, suppressBooleanAttributes: false });
const declaration = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/**
 * A document in the requested format. `root` names the XML root element; for a list, `item`
 * names each entry (`services`/`service`, `service_requests`/`request`, `errors`/`error`).
 */
export function renderDocument(format: Open311Format, data: unknown, root: string, item?: string): string {
  if (format === 'json') return JSON.stringify(data);
  const tree = item ? { [root]: Array.isArray(data) && data.length ? { [item]: toXmlTree(data) } : '' } : { [root]: toXmlTree(data) };
  return builder.build({ ...declaration, ...tree }) as string;
}

export interface Open311Error {
  code: number;
  description: string;
}

/** The spec's error list in the requested format. */
export function renderErrors(format: Open311Format, errors: Open311Error[]): string {
  return renderDocument(format, errors, 'errors', 'error');
}
