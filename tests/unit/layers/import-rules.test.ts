/**
 * The wrong-way imports stay out: ESLint's layer rules (eslint.config.js), run on a line of code
 * placed in each folder, refuse a host importing another host, the main process reaching the
 * store, the product importing test support, and bench/ or scripts/ importing tests/; the
 * one-way replacements (scenarios/args.ts, support/) pass.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The import-rule messages for `source` as if it were the file `file` of the tree. */
async function refusals(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers point one way (eslint no-restricted-imports)', () => {
  it('no host imports another: the web host and the CLI share scenarios/args.ts', async () => {
    expect(await refusals('web/main.ts', "import { parseArgs as x } from '../cli/args';")).toHaveLength(1);
    expect(await refusals('cli/main.ts', "import { startWebHost as x } from '../web/server';")).toHaveLength(1);
    expect(await refusals('web/main.ts', "import { parseArgs as x } from '../scenarios/args';")).toEqual([]);
  });

  it('the Electron main process never reaches the store (the utility process restores backups)', async () => {
    const [msg] = await refusals('electron/main/index.ts', "import { restoreBackup as x } from '../../scenarios/store/backup';");
    expect(msg).toContain('utility process');
    expect(await refusals('electron/utility/server.ts', "import { restoreBackup as x } from '../../scenarios/store/backup';")).toEqual([]);
  });

  it('bench/ and scripts/ take what they share with the tests from support/, never from tests/', async () => {
    expect(await refusals('bench/store.bench.ts', "import { makeBigPlan as x } from '../tests/integration/store/fixtures';")).toHaveLength(
      1,
    );
    expect(await refusals('scripts/test-all.ts', "import { readLedgers as x } from '../tests/faults/ledger';")).toHaveLength(1);
    expect(await refusals('bench/store.bench.ts', "import { makeBigPlan as x } from '../support/small-plan';")).toEqual([]);
    expect(await refusals('scripts/test-all.ts', "import { readLedgers as x } from '../support/fault-ledger';")).toEqual([]);
  });

  it('no product folder imports test support, tests, benchmarks or scripts', async () => {
    for (const file of ['models/x.ts', 'contract/x.ts', 'scenarios/x.ts', 'api/x.ts', 'web/x.ts', 'cli/x.ts', 'renderer/src/x.ts']) {
      expect(await refusals(file, "import { makePlan as x } from '../support/small-plan';"), file).toHaveLength(1);
      expect(await refusals(file, "import { openLedger as x } from '../tests/faults/ledger';"), file).toHaveLength(1);
    }
  });
});
