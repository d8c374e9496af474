// Chooses an org unit of the user's scope by typing part of its name (Chinese, Traditional,
// pinyin or initials). Works as a controlled antd form field: value is a unit id.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface UnitSelectProps {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** The name to show for the current value before any search (e.g. from the record). */
  currentName?: string | null;
  /** A unit that may not be chosen (a unit cannot be its own parent). */
  excludeId?: number;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
}

interface Option {
  value: number;
  label: string;
  hint: string;
}

/** Unit chooser with server-side search. */
export function UnitSelect({ value, onChange, currentName, excludeId, allowClear = true, placeholder, style }: UnitSelectProps) {
  const { t, errorText } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [note, setNote] = useState<string | undefined>(undefined);
  const [isSearching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ticket = useRef(0);

  const [knownName, setKnownName] = useState<{ id: number; name: string } | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  // A value set from outside (a URL) without a name gets its name from the API.
  useEffect(() => {
    if (!value || currentName || knownName?.id === value) return;
    let isCurrent = true;
    api.unit(value).then(
      (unit) => {
        if (isCurrent) setKnownName({ id: unit.id, name: unit.name });
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [value, currentName, knownName]);

  const search = (text: string) => {
    clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return;
    timer.current = setTimeout(() => {
      const mine = ++ticket.current;
      setSearching(true);
      api.units({ q, pageSize: 20 }).then(
        (page) => {
          if (mine !== ticket.current) return;
          setOptions(page.items.filter((unit) => unit.id !== excludeId).map((unit) => ({ value: unit.id, label: unit.name, hint: `${unit.regionName} · ${unit.code}` })));
          setNote(page.items.length === 0 ? t('unitSelect.noMatch') : undefined);
          setSearching(false);
        },
        (error: unknown) => {
          if (mine !== ticket.current) return;
          setNote(errorText(error));
          setSearching(false);
        },
      );
    }, 250);
  };

  const shown = value && !options.some((option) => option.value === value) ? [{ value, label: currentName ?? (knownName?.id === value ? knownName.name : `#${value}`), hint: '' }, ...options] : options;
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: search }}
      value={value ?? undefined}
      allowClear={allowClear}
      placeholder={placeholder ?? t('unitSelect.placeholder')}
      loading={isSearching}
      notFoundContent={note ?? null}
      onChange={(id) => onChange?.(id ?? undefined)}
      options={shown.map((option) => ({
        value: option.value,
        label: option.label,
        title: option.hint,
      }))}
      optionRender={(option) => (
        <div>
          <div>{option.label}</div>
          {option.data.title && <div style={{ fontSize: 12, color: '#888' }}>{option.data.title}</div>}
        </div>
      )}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
      data-testid="unit-select"
    />
  );
}
