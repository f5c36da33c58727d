/**
 * Shared inputs of the briefing tests: the real plan with its three presets (基准 / 乐观 / 保守)
 * projected by the engine, user actuals with awkward text (Chinese, URLs, nulls, bounds, a note
 * that looks like a formula), and tiny PGM / PDF helpers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../../models/schema';
import { buildBriefingInput, presetScenarios } from '../../../scenarios/briefing/pack';
import type { BriefingActual, BriefingInput, BriefingLanguage, BriefingSimulation } from '../../../scenarios/briefing/types';
import { loadDefaultPlan } from '../../../scenarios/plan/load';

export const OUT_DIR = path.resolve('test-output/briefing');
export const GENERATED_AT = '2026-11-26T08:30:00.000Z';
export const INJECTION = "=cmd|' /C calc'!A0";

export function plan(): Plan {
  return loadDefaultPlan();
}

/** User actuals as the store keeps them (StoredActual-like), with every awkward case. */
export function userActuals(): BriefingActual[] {
  return [
    {
      id: 1,
      series: 'fine_steel_output',
      period: '2024',
      value: 402.5,
      value_kind: 'actual',
      source: {
        title: '咸宁市2024年国民经济和社会发展统计公报（测试）',
        url: 'https://www.xianning.gov.cn/tjgb/2024.html?a=1&b=“引号”',
        date: '2025-03-20',
        reliability: 'official',
      },
      vintage: '2025-03-20',
      note: '含金盛兰精品钢转型升级项目；单位：亿元',
      entered_by: '张三（市发改委）',
      entered_at: '2026-10-01T02:03:04.000Z',
      deleted_at: null,
    },
    {
      id: 2,
      series: 'gdp_nominal',
      period: '2024',
      value: 1950,
      value_kind: 'lower_bound',
      source: { title: '市政府工作报告（“超过1950亿元”）', url: null, date: null, reliability: 'secondary' },
      vintage: null,
      note: INJECTION,
      entered_by: '',
      entered_at: '2026-10-02T00:00:00.000Z',
      deleted_at: null,
    },
    {
      id: 3,
      series: 'high_tech_enterprises',
      period: '2026-06',
      value: 0.000123456789,
      value_kind: 'approx_below',
      source: { title: '+内部台账 @经信局', url: 'file:///C:/内部/台账.xlsx', date: '2026-07', reliability: 'internal' },
      vintage: '2026-07',
      note: '-负号开头的备注\n第二行\t制表符',
      entered_by: '@李四',
      entered_at: '2026-10-03T00:00:00.000Z',
      deleted_at: null,
    },
    {
      id: 4,
      series: 'trade_total',
      period: '2021H1',
      value: -12.75,
      value_kind: 'estimate',
      source: { title: 'Estimate by the bureau', url: 'http://example.invalid/x?q=<script>', date: '2021-07', reliability: 'low' },
      vintage: null,
      note: '',
      entered_by: 'plan file',
      entered_at: '2026-10-04T00:00:00.000Z',
      deleted_at: null,
    },
    {
      id: 5,
      series: 'fine_steel_output',
      period: '2023',
      value: 999,
      value_kind: 'actual',
      source: { title: '已删除的记录', url: null, date: null, reliability: 'low' },
      vintage: null,
      note: 'deleted: must not appear',
      entered_by: 'x',
      entered_at: '2026-10-05T00:00:00.000Z',
      deleted_at: '2026-10-06T00:00:00.000Z',
    },
  ];
}

/** A small simulation for the baseline (test data: probabilities and percentiles made up). */
export function fakeSimulation(): BriefingSimulation {
  return {
    runs: 1000,
    targets: [
      { id: 'fine_steel_output', p_meet: 0.18, percentiles: { p5: 560, p50: 635, p95: 710 } },
      {
        id: 'mfg_va_share_gdp',
        p_meet: 0.22,
        percentiles: { '2024': { p5: 25.6, p95: 26.6 }, '2025': { p5: 25.5, p95: 27.4 }, '2026': { p5: 25.2, p95: 28.1 } },
      },
      { id: 'health_output', p_meet: 0.97, percentiles: { p10: 1050, p50: 1099, p90: 1140 } },
    ],
  };
}

const cache = new Map<string, BriefingInput>();

/** The three presets projected, with the user actuals and (baseline) a simulation. */
export function presetInput(language: BriefingLanguage = 'zh-CN', opts: { simulation?: boolean; actuals?: boolean } = {}): BriefingInput {
  const key = `${language}|${opts.simulation ?? true}|${opts.actuals ?? true}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = plan();
  const specs = presetScenarios(p, language);
  if (opts.simulation ?? true) specs[0].simulation = fakeSimulation();
  const input = buildBriefingInput({
    plan: p,
    scenarios: specs,
    actuals: (opts.actuals ?? true) ? userActuals() : [],
    language,
    generated_at: GENERATED_AT,
    author: language === 'zh-CN' ? '测试用户' : 'Test user',
  });
  cache.set(key, input);
  return input;
}

export function outDir(): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  return OUT_DIR;
}

/** Parses a binary PGM (P5) image: width, height and grey levels. */
export function readPgm(buf: Buffer): { width: number; height: number; max: number; pixels: Uint8Array } {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
      if (buf[pos] === 0x23) {
        while (pos < buf.length && buf[pos] !== 0x0a) pos++;
        continue;
      }
      break;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    return buf.subarray(start, pos).toString('latin1');
  };
  const magic = token();
  if (magic !== 'P5') throw new Error(`not a binary PGM: ${magic}`);
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  pos++; // one whitespace after the header
  if (max > 255) throw new Error('16-bit PGM not supported');
  return { width, height, max, pixels: buf.subarray(pos, pos + width * height) };
}

/** Share of pixels darker than `threshold` (0..255). */
export function inkShare(img: { pixels: Uint8Array }, threshold = 200): number {
  let n = 0;
  for (const p of img.pixels) if (p < threshold) n++;
  return n / Math.max(1, img.pixels.length);
}

/** The text of a PDF; `raw` keeps the content stream's order, so a sentence wrapped beside a chart stays whole. */
export function pdftotext(file: string, first?: number, last?: number, raw = false): string {
  const args = [...(raw ? ['-raw'] : []), ...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** pdftotext breaks lines; the text with all whitespace removed, for matching sentences. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
