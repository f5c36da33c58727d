import { readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { filterOptions, pinyinMatch, pinyinTokens, seriesOptions } from '../../../renderer/src/lib/pickerFilter';
import { readerFrom } from '../../../renderer/src/lib/pinyin';

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

describe('pinyin in the pickers (issue 16.6)', () => {
  const read = readerFrom(pinyin);
  const plan = JSON.parse(readFileSync('scenarios/plan/xianning-2024-2026.plan.json', 'utf8')) as {
    series: { id: string; name_zh: string; name_en: string; unit: string; derived?: unknown }[];
    targets: { id: string; name_zh: string; name_en: string }[];
  };
  const all = seriesOptions(plan.series, true);
  const find = (q: string, opts = all) => filterOptions(opts, q, read).map((o) => o.value);
  const named = (q: string, opts = all) => filterOptions(opts, q, read).map((o) => o.label);

  it('initials over consecutive characters: szjj finds 数字经济, first the names where they run together', () => {
    const hits = named('szjj');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toContain('数字经济');
    // every name found by initials in a run comes before those found with characters left out
    const runs = hits.filter((n) => pinyinMatch('szjj', pinyinTokens(n, read), false));
    expect(hits.slice(0, runs.length)).toEqual(runs);
    for (const n of runs) expect(n).toContain('数字经济');
  });

  it('initials with characters left out: jgcz finds 金盛兰精品钢产值 (精·钢·产·值)', () => {
    expect(find('jgcz')).toContain('fine_steel_output');
    expect(find('jsljpgcz')[0]).toBe('fine_steel_output');
    expect(find('jpgcz')[0]).toBe('fine_steel_output');
  });

  it('full pinyin and mixtures of syllables and initials, case and full width ignored', () => {
    expect(named('shuzijingji')[0]).toContain('数字经济');
    expect(named('shuzijj')[0]).toContain('数字经济');
    expect(named('SZJJ')[0]).toContain('数字经济');
    expect(named('ｓｚｊｊ')[0]).toContain('数字经济');
    expect(named('gaoxin').every((n) => n.includes('高新'))).toBe(true);
    expect(named('gaoxin').length).toBe(named('高新').length);
  });

  it('letters and digits in a name are one token: xzc5g finds 行政村5G通达率', () => {
    const opts = [
      { value: 'v5g', label: '行政村5G通达率' },
      { value: 'gdp', label: '地区生产总值(现价)' },
    ];
    expect(find('xzc5g', opts)).toEqual(['v5g']);
    expect(find('5gtdl', opts)).toEqual(['v5g']);
    expect(find('dqsczzxj', opts)).toEqual(['gdp']); // the bracket is skipped
  });

  it('every reading of a polyphonic character, ü typed v or u', () => {
    const opts = [
      { value: 'bank', label: '银行' },
      { value: 'rate', label: '增长率' },
      { value: 'lab', label: '重点实验室' },
    ];
    expect(find('yh', opts)).toEqual(['bank']);
    expect(find('yx', opts)).toEqual(['bank']); // 行 also reads xing
    expect(find('zzl', opts)).toEqual(['rate']);
    expect(find('zengzhanglv', opts)).toEqual(['rate']);
    expect(find('zengzhanglu', opts)).toEqual(['rate']);
    expect(find('zhongdian', opts)).toEqual(['lab']);
  });

  it('every word must match, by substring or pinyin; a substring ranks first', () => {
    const opts = seriesOptions(series, true);
    expect(find('gx qy', opts)).toEqual(['high_tech_enterprises']);
    expect(find('高新 zjz', opts)).toEqual(['high_tech_output']);
    expect(find('gxjs', opts)).toEqual(['high_tech_enterprises', 'high_tech_output']);
    expect(find('xyz', opts)).toEqual([]); // 新…业…增 leaves out three characters, then one
    // without a reader (pinyin-pro not loaded yet) only substrings match
    expect(filterOptions(opts, 'gxjs').map((o) => o.value)).toEqual([]);
  });

  it('a syllable must be typed from its beginning, and the first typed letter starts a character', () => {
    const tokens = pinyinTokens('数字经济', read);
    expect(pinyinMatch('huzi', tokens, true)).toBe(false); // "hu" is inside shu
    expect(pinyinMatch('sz', tokens, false)).toBe(true);
    expect(pinyinMatch('sj', tokens, false)).toBe(false);
    expect(pinyinMatch('sj', tokens, true)).toBe(true);
    expect(pinyinMatch('数zjj', tokens, false)).toBe(true);
    expect(pinyinMatch('数字jj', tokens, false)).toBe(true);
    // one character left out at a time, never two in a row
    expect(pinyinMatch('sj', pinyinTokens('数字经济', read), true)).toBe(true);
    expect(pinyinMatch('sj', pinyinTokens('数字化经济', read), true)).toBe(false);
    // a run of digits or letters may be left out as well as one character
    expect(pinyinMatch('dqsczzkbj', pinyinTokens('地区生产总值(2023年可比价)', read), true)).toBe(true);
    expect(pinyinMatch('dqsczzkbj', pinyinTokens('地区生产总值(2023年可比价)', read), false)).toBe(false);
    expect(pinyinMatch('dwnh', pinyinTokens('单位GDP能耗', read), true)).toBe(true);
  });

  it('English names: the Chinese name in keywords is read, the English name matched as text', () => {
    const en = seriesOptions(series, false);
    expect(filterOptions(en, 'gxjsqy', read).map((o) => o.value)).toEqual(['high_tech_enterprises']);
    expect(filterOptions(en, 'enterprises', read).map((o) => o.value)).toEqual(['high_tech_enterprises']);
  });

  it('every series and target of the real plan is found by its own initials and by its full pinyin', () => {
    const targets = plan.targets.map((x) => ({ value: x.id, label: x.name_zh, keywords: x.name_en }));
    for (const opts of [all, targets]) {
      for (const o of opts) {
        const toks = pinyinTokens(o.label, read);
        const initials = toks.map((t) => (t.length > 1 ? t[1]![0] : t[0])).join('');
        const full = toks.map((t) => (t.length > 1 ? t[1] : t[0])).join('');
        expect(find(initials, opts), `${o.label} ${initials}`).toContain(o.value);
        expect(find(full, opts), `${o.label} ${full}`).toContain(o.value);
      }
    }
  });
});
