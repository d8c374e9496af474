// Use case: the case list, with its filters and inside the caller's view, as a streamed .xlsx.
// Contacts stay masked (an export is never a reveal); a complainant the caller may not know is
// left out entirely, exactly as on the case page.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import { scopedRegion, type Actor } from '../../lib/actor.ts';
import { normalizeText } from '../../lib/chinese-text.ts';
import { forbidden } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/masking.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { describeRegionPaths } from '../regions/browse-regions.ts';
import { maskName } from './browse-appeals.ts';
import { iterateAppealsForExport } from './export-queries.ts';
import { isSubjectOfComplaint } from './policy.ts';
import type { listAppealsQuery } from './schemas.ts';

const stateNames: Record<string, string> = {
  registered: '已登记', dispatched: '已派单', returned: '已退单', accepted: '已签收', in_progress: '办理中',
  replied: '已答复', reviewed: '已审核', rectifying: '整改中', closed: '已办结', merged: '已合并',
};
const channelNames: Record<string, string> = {
  household_visit: '入户走访', symposium: '座谈会', questionnaire: '问卷', suggestion_box: '意见箱', hotline: '来电',
  walk_in: '来访', proxy_agent: '代办', web: '网上', open311: 'Open311',
};
const urgencyNames: Record<string, string> = { emergency: '紧急', urgent: '较急', general: '一般', complex: '复杂' };
const levelNames = ['驻点工作队', '乡镇', '县直部门', '市直部门'];
const ratingNames: Record<string, string> = { very_satisfied: '非常满意', satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', very_dissatisfied: '非常不满意' };
const headers = ['查询码', '登记时间', '来源渠道', '类别', '紧急程度', '地区', '联系点', '标题', '状态', '层级', '承办单位', '办理时限', '办结时间', '联系人', '联系电话', '匿名', '保密', '满意度'];

const localTime = (value: Date | string | null) => (value === null ? '' : new Date(new Date(value).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));

/** Checks the request, records the export in the audit log, and returns the workbook stream. */
export async function exportAppeals(options: { db: Executor; actor: Actor; query: z.infer<typeof listAppealsQuery> }): Promise<{ fileName: string; stream: Readable }> {
  const { db, actor, query } = options;
  if (!can(actor, 'appeals.view')) throw forbidden();
  const regionCode = scopedRegion(actor, query.regionCode);
  const filter = regionCode ? { ...query, regionCode, states: query.state, text: query.q ? normalizeText(query.q) : undefined } : null;
  await recordAudit(db, { actorAccountId: actor.accountId, actorName: actor.username, action: 'appeal.exported', entityType: 'appeal', entityId: 'export', regionCode: regionCode ?? actor.regionCode, details: { filter: query } });
  const output = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('诉求', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = headers.map((header) => ({ width: Math.max(10, header.length * 3 + 4) }));
    const head = sheet.addRow(headers);
    head.font = { bold: true };
    head.commit();
    if (filter) {
      for await (const batch of iterateAppealsForExport(db, actor, filter)) {
        const paths = await describeRegionPaths(db, batch.map((row) => row.region_code), { fromLevel: 3 });
        for (const row of batch) {
          const isWithheld = row.is_anonymous || isSubjectOfComplaint(actor, { subjectUnitId: row.subject_unit_id, subjectCadreId: row.subject_cadre_id }) || (row.is_confidential && !can(actor, 'appeals.dispatch'));
          sheet
            .addRow([
              row.tracking_code, localTime(row.created_at), channelNames[row.channel] ?? row.channel, row.category_name ?? '', urgencyNames[row.urgency] ?? row.urgency,
              paths.get(row.region_code) ?? row.region_code, row.point_name ?? '', row.title, stateNames[row.state] ?? row.state, levelNames[row.level] ?? '',
              row.handling_unit_name ?? '', localTime(row.due_at), localTime(row.closed_at),
              isWithheld ? '' : (maskName(row.contact_name) ?? ''), isWithheld ? '' : (maskPhone(row.contact_phone) ?? ''),
              row.is_anonymous ? '是' : '否', row.is_confidential ? '是' : '否', ratingNames[row.followup_rating ?? row.callback_rating ?? ''] ?? '',
            ])
            .commit();
        }
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return { fileName: `诉求-${new Date().toISOString().slice(0, 10)}.xlsx`, stream: output };
}
