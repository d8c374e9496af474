// Use case entry for an uploaded roster file: checks the role first, saves the upload to a temp
// file (streamed, never in memory), tells .xlsx from .csv, imports, and removes the file.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can } from '../auth/policy.ts';
import type { RosterKind } from './columns.ts';
import { importRoster, type ImportReport } from './import-roster.ts';
import { trackProgress } from './progress.ts';
import { detectFormat } from './read-sheet.ts';

export interface Upload {
  filename: string;
  file: NodeJS.ReadableStream;
}

/** Imports the file of a multipart upload (field `file`); `upload` yields it once the role is checked. */
export async function importUploadedRoster(options: {
  database: Database;
  actor: Actor;
  kind: RosterKind;
  dryRun: boolean;
  progressId?: string;
  upload: () => Promise<Upload | undefined>;
}): Promise<Omit<ImportReport, 'isWritten'> & { progressId?: string }> {
  const { actor } = options;
  if (!can(actor, 'rosters.import')) throw forbidden();
  // Tracked from the start, so a client polling its id sees the upload itself arrive.
  const onProgress = trackProgress(options.progressId, actor.accountId);
  let upload: Upload | undefined;
  try {
    upload = await options.upload();
  } catch (error) {
    onProgress({ phase: 'done', processed: 0 });
    throw error;
  }
  if (!upload) {
    onProgress({ phase: 'done', processed: 0 });
    throw new AppError('BAD_REQUEST', '请在 file 字段上传 .xlsx 或 .csv 文件', 'Upload an .xlsx or .csv file in the field "file"', {
      details: [{ field: 'file', message: '必填', messageEn: 'required' }],
    });
  }
  const path = join(tmpdir(), `dundian-import-${randomUUID()}`);
  try {
    await pipeline(upload.file, createWriteStream(path));
    const fileName = upload.filename || 'upload';
    const format = await detectFormat(path, fileName);
    const { isWritten: _isWritten, ...report } = await importRoster({ database: options.database, actor, kind: options.kind, path, format, fileName, dryRun: options.dryRun, onProgress });
    return options.progressId ? { ...report, progressId: options.progressId } : report;
  } finally {
    onProgress({ phase: 'done', processed: 0 });
    await rm(path, { force: true });
  }
}
