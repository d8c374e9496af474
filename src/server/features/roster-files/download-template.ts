// Use case: the empty import template of a roster kind (headers + explanation sheet).
import type { Readable } from 'node:stream';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import type { RosterKind } from './columns.ts';
import { sheetTitles, streamRosterWorkbook } from './workbook-writer.ts';

/** The template workbook as a stream, with its download name. */
export function downloadTemplate(options: { actor: Actor; kind: RosterKind }): { fileName: string; stream: Readable } {
  if (!can(options.actor, 'rosters.import')) throw forbidden();
  return { fileName: `${sheetTitles[options.kind]}导入模板.xlsx`, stream: streamRosterWorkbook(options.kind, (async function* () {})()) };
}
