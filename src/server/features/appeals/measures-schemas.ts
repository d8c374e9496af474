// Request and response shapes of the appeal measures and the overdue list.
import { z } from 'zod';
import { bilingual } from '../../lib/errors.ts';
import { appealStates } from './workflow.ts';
import { measureKeys } from './measures.ts';

const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, bilingual('须为 2、4、6、9 或 12 位区划代码', 'a division code of 2, 4, 6, 9 or 12 digits'));

export const measuresQuery = z
  .strictObject({
    regionCode: regionCode.optional(),
    /** First day of the period (Asia/Shanghai), inclusive; default 1 January of `to`'s year. */
    from: z.iso.date(bilingual('须为日期 YYYY-MM-DD', 'a date YYYY-MM-DD')).optional(),
    /** Last day of the period, inclusive; default today. */
    to: z.iso.date(bilingual('须为日期 YYYY-MM-DD', 'a date YYYY-MM-DD')).optional(),
    /** region: the children of regionCode; unit: the current handling unit; first_unit: the unit first dispatched to; point: the contact point. */
    groupBy: z.enum(['region', 'unit', 'first_unit', 'point']).default('region'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: bilingual('结束日期不能早于开始日期', 'must not be before from') });

export const measure = z.object({
  key: z.enum(measureKeys),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator / denominator between 0 and 1; null when the denominator is 0. */
  rate: z.number().nullable(),
});

export const measuresResponse = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** The region subtree measured (the request's, narrowed to the caller's scope). */
  regionCode: z.string(),
  groupBy: z.enum(['region', 'unit', 'first_unit', 'point']),
  /** Cases counted: created in the period, merged ones left out. */
  cases: z.number().int(),
  total: z.array(measure),
  groups: z.array(
    z.object({
      /** Region code, unit id or point id; null for the cases without a unit or a point. */
      key: z.string().nullable(),
      name: z.string().nullable(),
      cases: z.number().int(),
      measures: z.array(measure),
    }),
  ),
});

export const overdueQuery = z.strictObject({
  regionCode: regionCode.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  pointId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const overdueResponse = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      trackingCode: z.string(),
      title: z.string(),
      state: z.enum(appealStates),
      categoryCode: z.string(),
      categoryName: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      handlingUnitId: z.number().int().nullable(),
      handlingUnitName: z.string().nullable(),
      dueAt: z.string(),
      /** Whole hours since the deadline passed (calendar time). */
      overdueHours: z.number().int(),
    }),
  ),
});
