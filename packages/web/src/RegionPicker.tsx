/**
 * A region picked as people know them, 市 → 县 (a cascader over the corpus's region table), never
 * typed as a 6-digit code. A city can be picked on its own; `levels="city"` offers cities only;
 * `province` adds 山东省 itself at the top. The value is the region's code.
 */
import type { CSSProperties } from 'react';
import { Cascader } from 'antd';
import { useNames, type RegionRow } from './names';

interface Option {
  readonly value: string;
  readonly label: string;
  readonly children?: Option[];
}

/** The cascader's tree: the province's cities, each with its counties (unless cities only). */
export function regionOptions(regions: readonly RegionRow[], levels: 'city' | 'county', province: boolean): Option[] {
  const top = regions.find((r) => r.level === 'province');
  const cities = regions.filter((r) => r.level === 'city' && r.parent === top?.code).map((c): Option => {
    const counties = regions.filter((r) => r.level === 'county' && r.parent === c.code);
    return levels === 'county' && counties.length ? { value: c.code, label: c.name, children: counties.map((k) => ({ value: k.code, label: k.name })) } : { value: c.code, label: c.name };
  });
  return province && top ? [{ value: top.code, label: top.name }, ...cities] : cities;
}

/** The cascader's path to a code: [city] or [city, county] (or [province]). */
export function regionPath(regions: readonly RegionRow[], code: string | undefined): string[] {
  const r = code ? regions.find((x) => x.code === code) : undefined;
  if (!r) return [];
  return r.level === 'county' && r.parent ? [r.parent, r.code] : [r.code];
}

export interface RegionPickerProps {
  readonly value?: string;
  readonly onChange?: (code: string | undefined) => void;
  readonly levels?: 'city' | 'county';
  /** 山东省 itself can be picked */
  readonly province?: boolean;
  readonly id?: string;
  readonly 'aria-label'?: string;
  readonly placeholder?: string;
  readonly disabled?: boolean;
  readonly allowClear?: boolean;
  readonly style?: CSSProperties;
}

export function RegionPicker({ value, onChange, levels = 'county', province = false, ...rest }: RegionPickerProps) {
  const { regions } = useNames();
  return (
    <Cascader
      {...rest}
      options={regionOptions(regions, levels, province)}
      value={regionPath(regions, value)}
      changeOnSelect
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }}
      onChange={(path) => onChange?.(path?.length ? String(path[path.length - 1]) : undefined)}
    />
  );
}
