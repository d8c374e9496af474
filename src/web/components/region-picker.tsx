// Chooses a region inside the user's scope two ways: level by level (a Cascader loading each
// level on demand) or by search (Chinese, Traditional, pinyin such as "haixing" or initials "hxx").
// Works as a controlled antd form field: value is a region code.
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Cascader, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import type { RegionSearchResult } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useProfile } from '../auth/auth.tsx';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  loading?: boolean;
  children?: RegionOption[];
}

export interface RegionPickerProps {
  value?: string;
  onChange?: (code: string | undefined, name?: string) => void;
  /** Deepest level offered (1 province … 5 village). */
  maxLevel?: number;
  /** Stack the two inputs (narrow places such as forms on phones). */
  isVertical?: boolean;
  allowClear?: boolean;
  style?: CSSProperties;
}

const codeLengths = [2, 4, 6, 9, 12];

/** The codes from `rootCode` down to `code` ("130924" under "13" → 13, 1309, 130924). */
export function regionCodePath(rootCode: string, code: string): string[] {
  if (!code.startsWith(rootCode)) return [];
  return codeLengths.filter((length) => length >= rootCode.length && length <= code.length).map((length) => code.slice(0, length));
}

function levelOfCode(code: string): number {
  return codeLengths.indexOf(code.length) + 1;
}

function replaceChildren(options: RegionOption[], code: string, children: RegionOption[]): RegionOption[] {
  return options.map((option) => {
    if (option.value === code) return { ...option, loading: false, children, isLeaf: children.length === 0 };
    if (option.children && code.startsWith(option.value)) return { ...option, children: replaceChildren(option.children, code, children) };
    return option;
  });
}

/** Region chooser: cascading levels plus a search box. */
export function RegionPicker({ value, onChange, maxLevel = 5, isVertical = false, allowClear = true, style }: RegionPickerProps) {
  const { t, errorText } = useI18n();
  const profile = useProfile();
  const rootCode = profile.regionCode;
  const [options, setOptions] = useState<RegionOption[]>([{ value: rootCode, label: profile.regionName, isLeaf: levelOfCode(rootCode) >= maxLevel }]);
  const [names, setNames] = useState<Map<string, string>>(() => new Map([[rootCode, profile.regionName]]));
  const [results, setResults] = useState<RegionSearchResult[]>([]);
  const [searchNote, setSearchNote] = useState<string | undefined>(undefined);
  const [isSearching, setSearching] = useState(false);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const searchTicket = useRef(0);

  const rememberNames = (entries: Array<{ code: string; name: string }>) =>
    setNames((previous) => {
      const next = new Map(previous);
      for (const entry of entries) next.set(entry.code, entry.name);
      return next;
    });

  // A value set from outside (a URL, a search hit) gets the names of its levels for display.
  useEffect(() => {
    if (!value || names.has(value) || !value.startsWith(rootCode)) return;
    let isCurrent = true;
    api.region(value).then(
      (region) => {
        if (isCurrent) rememberNames([{ code: region.code, name: region.name }, ...region.ancestors.map((ancestor) => ({ code: ancestor.code, name: ancestor.name }))]);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [value, names, rootCode]);

  const loadLevel = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    setOptions((previous) => replaceChildren(previous, target.value, []).map((option) => option));
    try {
      const children = await api.regionChildren(target.value);
      rememberNames(children.map((child) => ({ code: child.code, name: child.name })));
      setOptions((previous) =>
        replaceChildren(
          previous,
          target.value,
          children.map((child) => ({ value: child.code, label: child.name, isLeaf: !child.hasChildren || child.level >= maxLevel })),
        ),
      );
    } catch {
      setOptions((previous) => replaceChildren(previous, target.value, []));
    }
  };

  const search = (text: string) => {
    clearTimeout(searchTimer.current);
    const query = text.trim();
    if (!query) {
      setResults([]);
      setSearchNote(undefined);
      return;
    }
    searchTimer.current = setTimeout(() => {
      const ticket = ++searchTicket.current;
      setSearching(true);
      api.searchRegions(query, { maxLevel, limit: 20 }).then(
        (found) => {
          if (ticket !== searchTicket.current) return;
          setResults(found);
          setSearchNote(found.length === 0 ? t('picker.noMatch') : undefined);
          setSearching(false);
        },
        (error: unknown) => {
          if (ticket !== searchTicket.current) return;
          setResults([]);
          setSearchNote(errorText(error));
          setSearching(false);
        },
      );
    }, 250);
  };

  const cascaderValue = useMemo(() => (value ? regionCodePath(rootCode, value) : undefined), [value, rootCode]);

  const cascader = (
    <Cascader<RegionOption>
      options={options}
      loadData={(selected) => void loadLevel(selected)}
      value={cascaderValue}
      changeOnSelect
      allowClear={allowClear}
      placeholder={t('picker.placeholder')}
      displayRender={(labels, selected) => {
        const codes = cascaderValue ?? [];
        return codes.map((code, index) => names.get(code) ?? selected?.[index]?.label ?? labels[index] ?? code).join(' / ');
      }}
      onChange={(path) => {
        const codes = (path ?? []) as string[];
        const code = codes[codes.length - 1];
        onChange?.(code, code ? names.get(code) : undefined);
      }}
      style={{ minWidth: 200, flex: 1, width: isVertical ? '100%' : undefined }}
      data-testid="region-cascader"
    />
  );
  const searchBox = (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: search }}
      value={null as unknown as string}
      placeholder={
        <span>
          <SearchOutlined /> {t('picker.searchPlaceholder')}
        </span>
      }
      loading={isSearching}
      notFoundContent={searchNote ?? null}
      options={results.map((result) => ({
        value: result.code,
        label: (
          <div>
            <div>{result.name}</div>
            <div style={{ fontSize: 12, color: '#888', whiteSpace: 'normal' }}>{result.path}</div>
          </div>
        ),
      }))}
      onChange={(code) => {
        const hit = results.find((result) => result.code === code);
        if (hit) rememberNames([{ code: hit.code, name: hit.name }]);
        onChange?.(code, hit?.name);
        setResults([]);
      }}
      style={{ minWidth: 220, flex: 1, width: isVertical ? '100%' : undefined }}
      popupMatchSelectWidth={false}
      data-testid="region-search"
    />
  );
  return (
    <div style={{ display: 'flex', flexDirection: isVertical ? 'column' : 'row', flexWrap: 'wrap', gap: 8, ...style }}>
      {cascader}
      {searchBox}
    </div>
  );
}
