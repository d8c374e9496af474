// Pieces every roster screen shares: filters kept in the URL query, the vocabularies' labels,
// API field errors put onto form fields, and the optimistic-lock conflict notice.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Select, type FormInstance } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { categories, leadingBodies, needTags, pointTypes, programmes, unitLevels } from '../../api/types.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';

type FilterValue = string | number | boolean | undefined;

/** Reads one query parameter as a member of a closed list. */
export function enumParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = params.get(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads one query parameter as a positive integer. */
export function intParam(params: URLSearchParams, name: string, options: { min?: number; max?: number } = {}): number | undefined {
  const value = Number(params.get(name));
  if (!params.get(name) || !Number.isInteger(value)) return undefined;
  if (value < (options.min ?? 1) || value > (options.max ?? Number.MAX_SAFE_INTEGER)) return undefined;
  return value;
}

/** Reads one query parameter as true/false. */
export function booleanParam(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name);
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** The assigned / unassigned filter of the cadre and point lists (a published or earlier-programme posting). */
export function AssignedSelect({ value, onChange }: { value: boolean | undefined; onChange: (assigned: boolean | undefined) => void }) {
  const { t } = useI18n();
  return (
    <Select
      allowClear
      placeholder={t('roster.filterAssigned')}
      style={{ width: 140 }}
      value={value === undefined ? undefined : String(value)}
      onChange={(selected: string | undefined) => onChange(selected === undefined ? undefined : selected === 'true')}
      options={[
        { value: 'true', label: t('roster.assignedOnly') },
        { value: 'false', label: t('roster.unassignedOnly') },
      ]}
      data-testid="filter-assigned"
    />
  );
}

/** Reads one query parameter as text (trimmed; empty means absent). */
export function textParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}

/**
 * Filters of a list kept in the URL query, so a filtered list can be bookmarked, shared and
 * reloaded. Changing a filter goes back to the first page.
 */
export function useUrlFilters<F extends Record<string, FilterValue>>(parse: (params: URLSearchParams) => F) {
  const [params, setParams] = useSearchParams();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parse(params), [params]);
  const update = useCallback(
    (patch: Partial<F>, options: { isPageKept?: boolean } = {}) =>
      setParams(
        () => {
          // The address bar, not the params of the render that made this callback: a handler kept
          // from an earlier render (a search box's Enter) must not drop a filter set since.
          const next = new URLSearchParams(window.location.search);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '' || value === null) next.delete(key);
            else next.set(key, String(value));
          }
          if (!options.isPageKept) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, update };
}

/**
 * The search box of a list: what the user types, submitted into the URL on Enter. A search that
 * arrives from outside (back button, a link) replaces the text; the user's own does not, so
 * typing right after a search is never overwritten.
 */
export function useSearchBox(query: string | undefined, submit: (q: string | undefined) => void) {
  const [text, setText] = useState(query ?? '');
  const submitted = useRef(query);
  useEffect(() => {
    if (query === submitted.current) return;
    submitted.current = query;
    setText(query ?? '');
  }, [query]);
  return {
    value: text,
    onChange: (event: { target: { value: string } }) => setText(event.target.value),
    onSearch: (value: string) => {
      submitted.current = value.trim() || undefined;
      submit(submitted.current);
    },
  };
}

/** Moves a list to another page, or back to the first page when the page size changed. */
export function changePage(
  update: (patch: { page?: number; pageSize?: number }, options?: { isPageKept?: boolean }) => void,
  currentPageSize: number,
  page: number,
  pageSize: number,
): void {
  if (pageSize !== currentPageSize) update({ pageSize: pageSize === defaultPageSize ? undefined : pageSize });
  else update({ page: page > 1 ? page : undefined }, { isPageKept: true });
}

/** Rows per page unless the URL says otherwise. */
export const defaultPageSize = 20;

/** The list query without paging and sorting: what an export of the same list takes. */
export function exportFilters<F extends Record<string, FilterValue>>(filters: F): Record<string, FilterValue> {
  const { page: _page, pageSize: _pageSize, sort: _sort, ...rest } = filters;
  return rest;
}

/** Select options of every roster vocabulary, in the current language. */
export function vocabularyOptions(t: Translate) {
  return {
    categories: categories.map((value) => ({ value, label: t(`roster.category.${value}`) })),
    leadingBodies: leadingBodies.map((value) => ({ value, label: t(`roster.leadingBody.${value}`) })),
    unitLevels: unitLevels.map((value) => ({ value, label: t(`roster.unitLevel.${value}`) })),
    pointTypes: pointTypes.map((value) => ({ value, label: t(`roster.pointType.${value}`) })),
    programmes: programmes.map((value) => ({ value, label: t(`roster.programme.${value}`) })),
    needTags: needTags.map((value) => ({ value, label: t(`roster.need.${value}`) })),
    genders: [
      { value: 'male', label: t('roster.gender.male') },
      { value: 'female', label: t('roster.gender.female') },
    ],
  };
}

/** The form field path of an API field name ("needs.disorder" → ["needs", "disorder"]). */
function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the API's field problems on the matching form fields; returns the problems no field of
 * the form shows (to display above the form).
 */
export function showFieldErrors(form: FormInstance, error: unknown, language: 'zh' | 'en', knownFields: string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  const leftovers: string[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of error.details) {
    const message = language === 'zh' ? problem.message : problem.messageEn;
    const top = problem.field.split('.')[0] ?? problem.field;
    if (knownFields.includes(problem.field) || knownFields.includes(top)) {
      const name = knownFields.includes(problem.field) ? problem.field : top;
      byField.set(name, [...(byField.get(name) ?? []), message]);
    } else leftovers.push(`${problem.field}: ${message}`);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: fieldPath(name), errors })));
  return leftovers;
}

/** Outcome of saving an edit: saved, refused with field problems, or stale (409). */
export function useRecordSave() {
  const { errorText, language } = useI18n();
  const [isSaving, setSaving] = useState(false);
  const [isConflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const save = useCallback(
    async <T,>(form: FormInstance, knownFields: string[], run: () => Promise<T>): Promise<T | undefined> => {
      setSaving(true);
      setConflict(false);
      setProblem(undefined);
      try {
        return await run();
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 409) {
          setConflict(true);
          return undefined;
        }
        const leftovers = showFieldErrors(form, caught, language, knownFields);
        const isAllOnFields = caught instanceof ApiError && caught.details.length > 0 && leftovers.length === 0;
        setProblem(isAllOnFields ? undefined : errorText(caught));
        return undefined;
      } finally {
        setSaving(false);
      }
    },
    [errorText, language],
  );
  const reset = useCallback(() => {
    setConflict(false);
    setProblem(undefined);
  }, []);
  return { save, isSaving, isConflict, problem, reset };
}

/** Says the record changed since it was read, and offers to load the current version. */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="edit-conflict"
      title={t('roster.conflictTitle')}
      description={t('roster.conflictText')}
      action={
        <Button size="small" type="primary" icon={<ReloadOutlined />} onClick={onReload}>
          {t('roster.conflictReload')}
        </Button>
      }
    />
  );
}

/** Formats a count with thousands separators. */
export function formatCount(value: number, language: 'zh' | 'en'): string {
  return value.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB');
}

/** Formats a timestamp as date and time. */
export function formatTime(value: string, language: 'zh' | 'en'): string {
  return new Date(value).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}
