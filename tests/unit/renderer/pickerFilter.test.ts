import { describe, expect, it } from 'vitest';
import { filterOptions, seriesOptions } from '../../../renderer/src/lib/pickerFilter';

const series = [
  { id: 'gdp_nominal', name_zh: '地区生产总值(现价)', name_en: 'GDP (current prices)', unit: '亿元' },
  { id: 'high_tech_enterprises', name_zh: '高新技术企业', name_en: 'High-tech enterprises', unit: '家' },
  { id: 'high_tech_output', name_zh: '高新技术产业增加值', name_en: 'High-tech industry value added', unit: '亿元' },
];

describe("the searchable picker's filter", () => {
  const zh = seriesOptions(series, true);
  it("matches a Chinese name substring, the id, or the other language's name", () => {
    expect(filterOptions(zh, '高新').map((o) => o.value)).toEqual(['high_tech_enterprises', 'high_tech_output']);
    expect(filterOptions(zh, '企业').map((o) => o.value)).toEqual(['high_tech_enterprises']);
    expect(filterOptions(zh, 'gdp_nom').map((o) => o.value)).toEqual(['gdp_nominal']);
    expect(filterOptions(zh, 'GDP').map((o) => o.value)).toEqual(['gdp_nominal']);
  });
  it('every word must match; full-width letters and case are ignored; nothing typed lists all', () => {
    expect(filterOptions(zh, '高新 增加值').map((o) => o.value)).toEqual(['high_tech_output']);
    expect(filterOptions(zh, 'ＧＤＰ').map((o) => o.value)).toEqual(['gdp_nominal']);
    expect(filterOptions(zh, '  ')).toHaveLength(3);
    expect(filterOptions(zh, '不存在')).toEqual([]);
  });
  it("labels in the page's language, with the unit when asked", () => {
    expect(seriesOptions(series, true, true)[1]!.label).toBe('高新技术企业（家）');
    expect(seriesOptions(series, false, true)[1]!.label).toBe('High-tech enterprises (家)');
  });
});
