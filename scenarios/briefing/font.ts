/**
 * The bundled CJK font of the PDF: Noto Sans SC (SIL Open Font License 1.1) from the npm package
 * @fontsource/noto-sans-sc, which ships the font cut by Unicode range into ~100 WOFF2 slices per
 * weight. `fontCssFor(text)` returns @font-face rules, with the WOFF2 files inlined as data: URLs,
 * for only the slices whose unicode-range covers a code point of `text`, so the HTML is
 * self-contained and the PDF looks the same on any laptop (Chromium then embeds a subset of the
 * glyphs actually used). Node only (reads the package's files).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const FONT_PACKAGE = '@fontsource/noto-sans-sc';
/** The family name the briefing's CSS uses for the bundled font. */
const FONT_FAMILY = 'BriefingSans';
const FONT_WEIGHTS = [400, 700] as const;

interface Slice {
  weight: number;
  file: string;
  unicodeRange: string;
  ranges: [number, number][];
}

let packageDirCache: string | null = null;

/** The installed package's folder (STUDIO_FONT_DIR overrides it, e.g. in a packaged app). */
function fontPackageDir(): string {
  if (process.env.STUDIO_FONT_DIR) return process.env.STUDIO_FONT_DIR;
  if (packageDirCache) return packageDirCache;
  const require = createRequire(import.meta.url);
  packageDirCache = path.dirname(require.resolve(`${FONT_PACKAGE}/LICENSE`));
  return packageDirCache;
}

const slicesCache = new Map<string, Slice[]>();

function parseRanges(text: string): [number, number][] {
  return text
    .split(',')
    .map((r) => r.trim().replace(/^U\+/i, ''))
    .filter(Boolean)
    .map((r) => {
      const [a, b] = r.split('-');
      if (a.includes('?')) return [parseInt(a.replace(/\?/g, '0'), 16), parseInt(a.replace(/\?/g, 'f'), 16)] as [number, number];
      return [parseInt(a, 16), parseInt(b ?? a, 16)] as [number, number];
    });
}

/** The slices of one weight as the package's CSS (e.g. 400.css) declares them. */
function fontSlices(weight: number, dir = fontPackageDir()): Slice[] {
  const key = `${dir}|${weight}`;
  const hit = slicesCache.get(key);
  if (hit) return hit;
  const css = fs.readFileSync(path.join(dir, `${weight}.css`), 'utf8');
  const slices: Slice[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block)?.[1];
    const ur = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !ur) continue;
    slices.push({ weight, file, unicodeRange: ur.trim(), ranges: parseRanges(ur) });
  }
  slicesCache.set(key, slices);
  return slices;
}

const dataCache = new Map<string, string>();
function dataUrl(dir: string, file: string): { url: string; bytes: number } {
  const p = path.join(dir, file);
  let b64 = dataCache.get(p);
  if (b64 === undefined) {
    b64 = fs.readFileSync(p).toString('base64');
    dataCache.set(p, b64);
  }
  return { url: `data:font/woff2;base64,${b64}`, bytes: Math.floor((b64.length * 3) / 4) };
}

function covers(ranges: [number, number][], cp: number): boolean {
  for (const [a, b] of ranges) if (cp >= a && cp <= b) return true;
  return false;
}

export interface FontFaces {
  css: string;
  /** the WOFF2 files inlined, relative to the package. */
  files: string[];
  /** bytes of font data inlined (before base64). */
  bytes: number;
  /** characters of the text no slice covers (they would fall back to a system font). */
  missing: string[];
}

export interface FontOptions {
  weights?: readonly number[];
  family?: string;
  dir?: string;
}

/** @font-face rules for the slices covering `text`, with what they cost and what they miss. */
export function fontFacesFor(text: string, opts: FontOptions = {}): FontFaces {
  const weights = opts.weights ?? FONT_WEIGHTS;
  const family = opts.family ?? FONT_FAMILY;
  const dir = opts.dir ?? fontPackageDir();
  const cps = new Set<number>();
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c > 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0)) cps.add(c);
  }
  const rules: string[] = [];
  const files: string[] = [];
  let bytes = 0;
  const covered = new Set<number>();
  for (const w of weights) {
    // a browser tries faces of one family from the last declared to the first, so do the same and
    // keep a slice only when it covers a code point no later slice already covers
    const chosen: Slice[] = [];
    const seen = new Set<number>();
    const all = fontSlices(w, dir);
    for (let i = all.length - 1; i >= 0; i--) {
      const s = all[i];
      let used = false;
      for (const c of cps) {
        if (!seen.has(c) && covers(s.ranges, c)) {
          used = true;
          seen.add(c);
          covered.add(c);
        }
      }
      if (used) chosen.unshift(s);
    }
    for (const s of chosen) {
      const d = dataUrl(dir, s.file);
      bytes += d.bytes;
      files.push(s.file);
      rules.push(
        `@font-face{font-family:'${family}';font-style:normal;font-weight:${w};font-display:block;src:url(${d.url}) format('woff2');unicode-range:${s.unicodeRange};}`,
      );
    }
  }
  const missing = [...cps].filter((c) => !covered.has(c)).map((c) => String.fromCodePoint(c));
  return { css: rules.join('\n'), files, bytes, missing };
}

/** @font-face rules (data: URLs) for the bundled font, only the slices `text` needs. */
export function fontCssFor(text: string, opts: FontOptions = {}): string {
  return fontFacesFor(text, opts).css;
}
