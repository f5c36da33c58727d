/**
 * The renderer's typecheck has no Node types (issue 14 item 4): tsconfig.renderer.json sets
 * `types: []` and no file it includes (renderer/src, contract/, electron/common, and whatever they
 * import) pulls @types/node in. Proven with the TypeScript compiler itself: a temporary file
 * inside renderer/src that uses `Buffer` and `process` must fail the renderer's program, and
 * pass once Node's types are added (so the errors are about Node, nothing else).
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PROBE = path.join(ROOT, 'renderer', 'src', `__node_probe_${process.pid}.ts`);

function rendererConfig(): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.renderer.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.renderer.json could not be read');
  return parsed;
}

afterAll(() => rmSync(PROBE, { force: true }));

describe('the renderer typecheck has no Node types', () => {
  it('sets types: [] and loads no @types/node through any included file', () => {
    const config = rendererConfig();
    expect(config.options.types).toEqual([]);
    const program = ts.createProgram(config.fileNames, config.options);
    const nodeTypes = program.getSourceFiles().filter((f) => f.fileName.includes('/@types/node/'));
    expect(nodeTypes.map((f) => f.fileName)).toEqual([]);
    const backend = program
      .getSourceFiles()
      .map((f) => path.relative(ROOT, f.fileName))
      .filter((f) => /^(scenarios|api|web|cli|electron\/main|electron\/preload)\//.test(f));
    expect(backend).toEqual([]);
  }, 120_000);

  it('fails a renderer file that uses Buffer or process, which Node types would accept', () => {
    writeFileSync(PROBE, "export const bytes = Buffer.from('中');\nexport const env = process.env.HOME;\n");
    const config = rendererConfig();
    expect(config.fileNames.map((f) => path.resolve(f))).toContain(PROBE);

    const program = ts.createProgram(config.fileNames, config.options);
    const probe = program.getSourceFile(PROBE);
    expect(probe).toBeDefined();
    const errors = program.getSemanticDiagnostics(probe).map((d) => ({
      code: d.code,
      text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
    // TS2580/TS2591: "Cannot find name 'Buffer' / 'process'. Do you need to install type definitions for node?"
    expect(errors.some((e) => e.text.includes("'Buffer'"))).toBe(true);
    expect(errors.some((e) => e.text.includes("'process'"))).toBe(true);

    // Control: the same file with Node's types passes, so the errors above are the missing Node types.
    const withNode = ts.createProgram([PROBE], { ...config.options, types: ['node'] });
    expect(withNode.getSemanticDiagnostics(withNode.getSourceFile(PROBE)).map((d) => d.code)).toEqual([]);
    rmSync(PROBE, { force: true });
  }, 120_000);
});
