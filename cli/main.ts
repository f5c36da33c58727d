/**
 * The CLI host of the contract: `npm run -s cli -- <command> [options]`. Every command goes
 * through `dispatch` with the same handlers as the desktop app and the web host, so scripted
 * reports and tests exercise the real API. Errors are printed in Chinese and English, naming what
 * is wrong; the exit code is 1 for a failed request and 2 for bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPdf } from '../api/chromium-pdf';
import { createApi, type Api } from '../api/handlers';
import type { Channel, Envelope, Req, Res } from '../contract';
import { dispatch } from '../contract';
import { StudioError } from '../models/errors';
import { defaultDbPath } from '../scenarios/paths';
import { defaultBackupDir, latestBackup, listBackupsIn, restoreBackup } from '../scenarios/store/backup';
import { jsonTextTooDeep } from '../models/json-limits';
import { formatProbability, groupsBehindJoint, noRangeText, targetsWithRange } from '../models/probability';
import { ArgError, parseArgs, type FlagType } from '../scenarios/args';
import { projectionReport, formatProjectionTable, scenarioTable } from './report';

const USAGE = `咸宁新质生产力规划情景工作室 命令行 / Plan studio CLI

用法 / usage: npm run -s cli -- <command> [options] [--db PATH]

  targets [--json]                         指标目录 / the plan's target catalog
  project --scenario NAME|ID|FILE [--json] 测算一个情景 / project a scenario (or a scenario file)
  scenarios list [--json]                  情景列表 / list scenarios
  scenarios export NAME --out FILE         导出情景文件 / export a scenario to a file
  scenarios export --workspace --out FILE  导出整个工作区 / export the whole workspace
  scenarios import FILE                    导入情景或工作区文件 / import a scenario or workspace file
  scenarios diff A B [--json]              对比两个情景的假设及其影响 / diff two scenarios
  simulate --scenario NAME [--draws N] [--seed S] [--joint id1,id2] [--base-ranges] [--json]
      --base-ranges: 计入基期假设值的不确定性 / also draw assumed base values and bound-type actuals
                                           蒙特卡洛：各指标分位数与达标概率 / Monte Carlo percentiles and p_meet
  export --scenario NAME [--scenario NAME2 ...] [--xlsx FILE] [--pdf FILE] [--docx FILE] [--report-pdf FILE] [--lang en]
                                           汇报材料(Excel/PDF)、终期评估报告(Word/PDF)；多个情景即对比
                                           / briefing pack and final-evaluation report; several scenarios compare them
  nowcast --indicator ID [--year Y] [--json] 按1-N月累计推算全年 / full-year nowcast from year-to-date data
  nowcast import FILE [--dry-run] [--period 2026年1-10月]
                                            导入1-N月累计数据(xlsx/csv，可为统计局公报版式) / import year-to-date figures (the bulletin's layout too)
  reforecast --scenario NAME [--name NEW]   一键重新预测 / create a reforecast scenario
  backups list [--json]                     数据库备份列表 / list backups of the database
  backups restore FILE|--latest             从备份恢复(数据库损坏时也可用) / restore a backup (works on a damaged database too)
  collect export --out DIR|--zip FILE [--name N --return-date YYYY-MM-DD --ytd-month M --contact C --phone P --unit U ...]
                                           分单位填报：每个报送单位一个工作簿，写入文件夹或一个zip(无征集时按参数新建一轮)
                                           / one workbook per reporting unit, in a folder or one zip (a new round when the flags are given)
  collect import FILE... [--unit U] [--confirm-mapping]
                                           导入报送单位返回的工作簿或CSV / import returned workbooks or CSVs
  collect status [--json]                  征集进度：已报送/未报送/有问题 / returned, outstanding, with problems
  call CHANNEL [JSON]                      直接调用接口 / call any API channel with a JSON request

  --db PATH     数据库文件，可写在命令前或后 / database file, before or after the command (default: the desktop app's: ${defaultDbPath()})
  --plan FILE   使用另一个规划文件(下一轮规划或其他城市) / use another plan file (the next plan, another city's)`;

/** A command that cannot go on: the message in both languages and the process's exit code. */
class CliFailure extends StudioError {
  constructor(
    message_zh: string,
    message_en: string,
    readonly exitCode = 1,
  ) {
    super(exitCode === 2 ? 'usage' : 'failed', message_zh, message_en);
    this.name = 'CliFailure';
  }
}

const COMMON: Record<string, FlagType> = { db: 'string', plan: 'string', json: 'boolean', help: 'boolean' };

async function call<C extends Channel>(api: Api, channel: C, request: Req<C>): Promise<Res<C>> {
  const envelope = (await dispatch(api.handlers, channel, request, { host: 'cli' })) as Envelope<Res<C>>;
  if (!envelope.ok) throw new CliFailure(envelope.error.message_zh, envelope.error.message_en);
  return envelope.value;
}

/** Finds a live scenario by id, or by exact name. */
async function findScenario(api: Api, ref: string) {
  const list = await call(api, 'scenarios:list', { state: 'live' });
  const hit = list.find((s) => s.id === ref) ?? list.find((s) => s.name === ref);
  if (!hit) {
    const names = list.map((s) => s.name).join('、');
    throw new CliFailure(`找不到情景 "${ref}"。现有情景：${names}`, `No scenario named "${ref}". Scenarios: ${names}`);
  }
  return hit;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new CliFailure(`无法读取文件 ${file}（${code}）`, `Cannot read ${file} (${code})`);
  }
  const deep = jsonTextTooDeep(text);
  if (deep) throw new CliFailure(`文件 ${file}：${deep.message_zh}`, `${file}: ${deep.message_en}`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliFailure(`文件 ${file} 不是有效的 JSON：${(err as Error).message}`, `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/**
 * The common options (--db, --plan, --json, --help) may come before the command as well as after
 * it: `cli --db FILE targets` is `cli targets --db FILE`. They are moved behind the command, so the
 * strict parser still checks them; any other option before the command stays an error.
 */
function liftCommonOptions(argv: string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith('--')) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const type = Object.prototype.hasOwnProperty.call(COMMON, name) ? COMMON[name] : undefined;
    if (!type || name === 'help') break;
    const takesValue = type !== 'boolean' && eq === -1;
    leading.push(...argv.slice(i, i + (takesValue ? 2 : 1)));
    i += takesValue ? 2 : 1;
  }
  if (leading.length === 0 || i >= argv.length) return argv;
  const [command, ...rest] = argv.slice(i);
  // `scenarios` and `collect` take a subcommand right after them.
  const sub = command === 'scenarios' || command === 'collect' ? rest.slice(0, 1) : [];
  return [command, ...sub, ...leading, ...rest.slice(sub.length)];
}

async function run(rawArgv: string[]): Promise<void> {
  const argv = liftCommonOptions(rawArgv);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const sub = command === 'scenarios' || command === 'collect' ? rest[0] : undefined;
  const args = command === 'scenarios' || command === 'collect' ? rest.slice(1) : rest;
  const spec: Record<string, FlagType> = { ...COMMON };
  if (command === 'project') spec.scenario = 'string';
  if (command === 'nowcast') Object.assign(spec, { indicator: 'string', year: 'number', 'dry-run': 'boolean', period: 'string' });
  if (command === 'backups') spec.latest = 'boolean';
  if (command === 'simulate')
    Object.assign(spec, { scenario: 'string', draws: 'number', seed: 'number', joint: 'string', 'base-ranges': 'boolean' });
  if (command === 'export')
    Object.assign(spec, { scenario: 'strings', xlsx: 'string', pdf: 'string', docx: 'string', 'report-pdf': 'string', lang: 'string' });
  if (command === 'reforecast') Object.assign(spec, { scenario: 'string', name: 'string' });
  if (command === 'scenarios' && sub === 'export') Object.assign(spec, { out: 'string', workspace: 'boolean' });
  if (command === 'collect' && sub === 'export')
    Object.assign(spec, {
      out: 'string',
      zip: 'string',
      name: 'string',
      'return-date': 'string',
      'ytd-month': 'number',
      contact: 'string',
      phone: 'string',
      unit: 'strings',
    });
  if (command === 'collect' && sub === 'import') Object.assign(spec, { unit: 'string', 'confirm-mapping': 'boolean' });
  const parsed = parseArgs(args, spec);
  if (parsed.flags.help) {
    console.log(USAGE);
    return;
  }
  const json = Boolean(parsed.flags.json);
  const dbPath = (parsed.flags.db as string | undefined) ?? defaultDbPath();
  const planFile = parsed.flags.plan as string | undefined;

  const known = ['targets', 'project', 'scenarios', 'collect', 'call', 'nowcast', 'reforecast', 'export', 'simulate', 'backups'];
  if (!known.includes(command)) {
    throw new CliFailure(`未知命令 "${command}"\n\n${USAGE}`, `unknown command "${command}"`, 2);
  }
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  // Backups work on the file alone, so a damaged database can be restored without opening it.
  if (command === 'backups') return backupsCommand(dbPath, parsed.positional, parsed.flags, json);
  let api: Api;
  try {
    api = createApi({ dbPath, planFile, host: 'cli', renderPdf: chromiumPdf });
  } catch (err) {
    const e = err as { message_zh?: string; message_en?: string; message?: string };
    throw new CliFailure(
      `无法打开数据库 ${dbPath}：${e.message_zh ?? e.message}`,
      `Cannot open the database ${dbPath}: ${e.message_en ?? e.message}`,
    );
  }
  for (const w of api.store.warnings) process.stderr.write(`注意：${w.message_zh}\nNote: ${w.message_en}\n`);
  try {
    switch (command) {
      case 'targets': {
        const catalog = await call(api, 'plan:catalog', {});
        print(json, catalog, () =>
          catalog
            .map(
              (t) => `${t.id.padEnd(34)} ${t.name}  ${Array.isArray(t.target) ? t.target.join('–') : t.target}${t.unit} (${t.target_year})`,
            )
            .join('\n'),
        );
        return;
      }
      case 'project': {
        const ref = parsed.flags.scenario as string | undefined;
        if (!ref) throw new CliFailure('请用 --scenario 指定情景名称或情景文件', 'Give a scenario name or file with --scenario', 2);
        let result;
        let name: string;
        if (fs.existsSync(ref) && fs.statSync(ref).isFile()) {
          result = await call(api, 'projection:runFile', { content: readJsonFile(ref) });
          name = path.basename(ref);
        } else {
          const scenario = await findScenario(api, ref);
          result = await call(api, 'projection:run', { id: scenario.id });
          name = scenario.name;
        }
        const report = projectionReport(api.plan, name, result);
        print(json, report, () => formatProjectionTable(api.plan, report));
        return;
      }
      case 'scenarios':
        return await scenariosCommand(api, sub, parsed.positional, parsed.flags, json);
      case 'collect':
        return await collectCommand(api, sub, parsed.positional, parsed.flags, json);
      case 'nowcast':
        return await nowcastCommand(api, parsed.positional, parsed.flags, json);
      case 'export':
        return await exportCommand(api, parsed.flags, json);
      case 'simulate':
        return await simulateCommand(api, parsed.flags, json);
      case 'reforecast': {
        const ref = parsed.flags.scenario as string | undefined;
        if (!ref) throw new CliFailure('请用 --scenario 指定要重新预测的情景', 'Give the scenario to reforecast with --scenario', 2);
        const scenario = await findScenario(api, ref);
        const result = await call(api, 'scenarios:reforecast', { id: scenario.id, name: parsed.flags.name as string | undefined });
        print(json, result, () =>
          [
            `已创建 / created: ${result.scenario.name}`,
            ...result.notes.filter((n) => n.action !== 'continues').map((n) => `  ${n.message_zh}`),
          ].join('\n'),
        );
        return;
      }
      case 'call': {
        const [channel, body] = parsed.positional;
        let request: unknown = {};
        if (body) {
          const deep = jsonTextTooDeep(body);
          if (deep) throw new CliFailure(`请求：${deep.message_zh}`, `The request: ${deep.message_en}`, 2);
          try {
            request = JSON.parse(body);
          } catch (err) {
            throw new CliFailure(
              `请求不是有效的 JSON：${(err as Error).message}`,
              `The request is not valid JSON: ${(err as Error).message}`,
              2,
            );
          }
        }
        const envelope = await dispatch(api.handlers, channel, request, { host: 'cli' });
        process.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
        if (!envelope.ok) process.exitCode = 1;
        return;
      }
    }
  } finally {
    api.close();
  }
}

function backupsCommand(dbPath: string, positional: string[], flags: Record<string, unknown>, json: boolean): void {
  const dir = defaultBackupDir(dbPath);
  const list = listBackupsIn(dir, dbPath);
  if (positional[0] === 'list') {
    print(json, list, () =>
      list.length ? list.map((b) => `${b.created_at}  ${b.reason.padEnd(12)}  ${b.file}`).join('\n') : `没有备份 / no backups in ${dir}`,
    );
    return;
  }
  if (positional[0] === 'restore') {
    let file = positional[1];
    if (flags.latest) file = latestBackup(dir, dbPath) ?? '';
    if (!file) throw new CliFailure(`没有可恢复的备份（${dir}）`, `No backup to restore (${dir})`, 1);
    try {
      const r = restoreBackup(dbPath, file);
      print(
        json,
        r,
        () =>
          `已从备份恢复 / restored from ${file}\n数据库 / database: ${r.restored}` +
          (r.kept ? `\n原文件已保留 / the previous file is kept as: ${r.kept}` : ''),
      );
    } catch (err) {
      const e = err as { message_zh?: string; message_en?: string; message?: string };
      throw new CliFailure(e.message_zh ?? String(e.message), e.message_en ?? String(e.message));
    }
    return;
  }
  throw new CliFailure(`未知的 backups 子命令 "${positional[0] ?? ''}"`, `unknown backups subcommand "${positional[0] ?? ''}"`, 2);
}

async function simulateCommand(api: Api, flags: Record<string, unknown>, json: boolean): Promise<void> {
  const ref = flags.scenario as string | undefined;
  if (!ref) throw new CliFailure('请用 --scenario 指定情景', 'Give the scenario with --scenario', 2);
  const draws = flags.draws as number | undefined;
  if (draws !== undefined && (!Number.isInteger(draws) || draws < 100 || draws > 100_000))
    throw new CliFailure('--draws 应为 100 到 100000 之间的整数', '--draws must be a whole number from 100 to 100000', 2);
  const seed = flags.seed as number | undefined;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1))
    throw new CliFailure('--seed 应为 0 到 4294967295 之间的整数', '--seed must be a whole number from 0 to 4294967295', 2);
  const joint = flags.joint
    ? String(flags.joint)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
  const scenario = await findScenario(api, ref);
  const baseRanges = flags['base-ranges'] ? ('on' as const) : undefined;
  const r = await call(api, 'simulation:run', { id: scenario.id, draws, seed, joint, ...(baseRanges ? { base_ranges: baseRanges } : {}) });
  const resolved = await call(api, 'scenarios:resolve', { id: scenario.id });
  const out = {
    scenario: scenario.name,
    draws: r.draws_done,
    seed: r.seed,
    percentiles_def: r.percentiles_def,
    indicators: r.targets.map((t) => ({ id: t.id, target_year: t.target_year, percentiles: t.percentiles, p_meet: t.p_meet })),
    p_joint: r.p_joint,
    joint: joint ?? [],
    correlation_groups: r.correlation_groups,
    ...(baseRanges ? { base_ranges: baseRanges, base_inputs: r.base_inputs ?? [] } : {}),
  };
  print(json, out, () => {
    const names = new Map(api.plan.targets.map((t) => [t.id, t.name_zh]));
    const lines = [`情景 / scenario: ${scenario.name}   抽样 / draws: ${r.draws_done}   种子 / seed: ${r.seed}`];
    // the one probability format (models/probability.ts); 未设区间 where no input upstream has a range
    const ranged = targetsWithRange({ plan: api.plan, assumptions: resolved.assumptions }, { base_ranges: baseRanges ?? 'off' });
    for (const t of r.targets) {
      const p = t.percentiles[t.target_year];
      const band = p ? `P5 ${p.p5.toFixed(2)} · P50 ${p.p50.toFixed(2)} · P95 ${p.p95.toFixed(2)}` : '—';
      const prob = !ranged.has(t.id) ? noRangeText('zh-CN') : t.p_meet === null ? '—' : formatProbability(t.p_meet);
      lines.push(`${(names.get(t.id) ?? t.id).padEnd(24, '　')} 达标概率 ${prob}  ${band}`);
    }
    if (r.p_joint !== null) lines.push(`同时达标概率 / joint probability (${(joint ?? []).join(', ')}): ${formatProbability(r.p_joint)}`);
    const behind =
      r.p_joint === null ? [] : groupsBehindJoint({ plan: api.plan, assumptions: resolved.assumptions }, r.correlation_groups, joint ?? []);
    if (baseRanges)
      lines.push(`已计入基期假设值与下限类实际值的不确定性 / assumed base values and bound actuals drawn: ${(r.base_inputs ?? []).length}`);
    if (behind.length) lines.push(`已计入相关性 / correlated draws: ${behind.map((g) => `${g.name_zh} (${g.loading})`).join(', ')}`);
    return lines.join('\n');
  });
}

async function exportCommand(api: Api, flags: Record<string, unknown>, json: boolean): Promise<void> {
  const refs = (flags.scenario as string[] | undefined) ?? [];
  const xlsx = flags.xlsx as string | undefined;
  const pdf = flags.pdf as string | undefined;
  const docx = flags.docx as string | undefined;
  const reportPdf = flags['report-pdf'] as string | undefined;
  const lang = (flags.lang as string | undefined) ?? 'zh-CN';
  if (refs.length === 0) throw new CliFailure('请用 --scenario 指定情景（可多个）', 'Give one or more scenarios with --scenario', 2);
  if (refs.length > 4) throw new CliFailure('最多对比 4 个情景', 'At most 4 scenarios can be compared', 2);
  if (!xlsx && !pdf && !docx && !reportPdf)
    throw new CliFailure(
      '请用 --xlsx、--pdf、--docx 或 --report-pdf 指定输出文件',
      'Give an output file with --xlsx, --pdf, --docx or --report-pdf',
      2,
    );
  if (lang !== 'zh-CN' && lang !== 'en') throw new CliFailure('--lang 只能是 zh-CN 或 en', '--lang must be zh-CN or en', 2);
  const ids = [];
  for (const ref of refs) ids.push((await findScenario(api, ref)).id);
  const written: { format: string; file: string; bytes: number }[] = [];
  for (const [format, out] of [
    ['xlsx', xlsx],
    ['pdf', pdf],
    ['docx', docx],
    ['report_pdf', reportPdf],
  ] as const) {
    if (!out) continue;
    const file = await call(api, 'briefing:export', { ids, format, language: lang });
    writeAtomic(out, Buffer.from(file.content_base64, 'base64'));
    written.push({ format, file: path.resolve(out), bytes: file.bytes });
  }
  print(json, written, () => written.map((w) => `已导出 / exported ${w.format}: ${w.file} (${Math.round(w.bytes / 1024)} KB)`).join('\n'));
}

/** Writes next to the target and renames, so an interrupted export never leaves half a file. */
function writeAtomic(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const full = code === 'ENOSPC' ? '磁盘已满' : code;
    throw new CliFailure(`无法写入 ${file}（${full}）`, `Cannot write ${file} (${code})`);
  }
}

const STATE_ZH = { outstanding: '未报送', returned: '已报送', problems: '有问题' } as const;

async function collectCommand(
  api: Api,
  sub: string | undefined,
  positional: string[],
  flags: Record<string, unknown>,
  json: boolean,
): Promise<void> {
  switch (sub) {
    case 'export': {
      const out = flags.out as string | undefined;
      const zipFile = flags.zip as string | undefined;
      if (!out && !zipFile)
        throw new CliFailure(
          '请用 --out DIR 指定输出文件夹，或用 --zip FILE 指定zip文件',
          'Give the output folder with --out DIR or the zip file with --zip FILE',
          2,
        );
      let round = (await call(api, 'collect:rounds', {}))[0];
      if (flags.name !== undefined || !round) {
        if (flags.name === undefined || flags['return-date'] === undefined || flags['ytd-month'] === undefined)
          throw new CliFailure(
            '还没有征集：请用 --name、--return-date、--ytd-month 新建一轮',
            'No round yet: create one with --name, --return-date and --ytd-month',
            2,
          );
        round = await call(api, 'collect:createRound', {
          name: flags.name as string,
          return_date: flags['return-date'] as string,
          ytd_month: flags['ytd-month'] as number,
          contact: flags.contact as string | undefined,
          phone: flags.phone as string | undefined,
          units: flags.unit as string[] | undefined,
        });
      }
      const lines = [`征集 / round ${round.name} (${round.id})`];
      let written: { unit: string; file: string }[] = [];
      if (out) {
        const result = await call(api, 'collect:export', { round_id: round.id });
        fs.mkdirSync(out, { recursive: true });
        written = result.files.map((f) => {
          const file = path.join(out, f.file_name);
          writeAtomic(file, Buffer.from(f.content_base64, 'base64'));
          return { unit: f.unit, file };
        });
        lines.push(...written.map((w) => `${w.unit}: ${w.file}`));
      }
      let zip: { file: string; units: string[] } | undefined;
      if (zipFile) {
        const result = await call(api, 'collect:exportZip', { round_id: round.id });
        const dirOf = path.dirname(path.resolve(zipFile));
        fs.mkdirSync(dirOf, { recursive: true });
        writeAtomic(zipFile, Buffer.from(result.content_base64, 'base64'));
        zip = { file: zipFile, units: result.units };
        lines.push(`zip（${result.units.length}个单位 / units）: ${zipFile}`);
      }
      print(json, { round, files: written, zip }, () => lines.join('\n'));
      return;
    }
    case 'import': {
      if (!positional.length) throw new CliFailure('请给出要导入的文件', 'Name the files to import', 2);
      const files = positional.map((file) => {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch (err) {
          throw new CliFailure(
            `无法读取 ${file}（${(err as NodeJS.ErrnoException).code ?? ''}）`,
            `Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? ''})`,
          );
        }
        return { name: path.basename(file), content_base64: bytes.toString('base64') };
      });
      const { reports } = await call(api, 'collect:import', {
        files,
        expect_unit: flags.unit as string | undefined,
        confirm_mapping: flags['confirm-mapping'] ? true : undefined,
      });
      print(json, reports, () =>
        reports
          .map((r) =>
            r.outcome === 'stored'
              ? `${r.file_name}（${r.unit}）：已导入 ${r.stored.length} 个，留空 ${r.empty.length} 个，与已有数值一致 ${r.unchanged.length} 个，待处理冲突 ${r.conflicts.length} 个 / stored ${r.stored.length}, empty ${r.empty.length}, conflicts ${r.conflicts.length}`
              : [`${r.reason_zh} / ${r.reason_en}`, ...r.refused.map((f) => `  ${f.message_zh}`)].join('\n'),
          )
          .join('\n'),
      );
      if (reports.some((r) => r.outcome === 'refused')) process.exitCode = 1;
      return;
    }
    case 'status': {
      const status = await call(api, 'collect:status', {});
      print(json, status, () => {
        if (!status) return '还没有征集 / no collection round yet';
        const lines = [`征集 / round ${status.round.name}（截止 ${status.round.return_date}）`];
        for (const u of status.units)
          lines.push(
            `  ${u.unit}：${STATE_ZH[u.state]} / ${u.state}${u.open_conflicts ? `，冲突 ${u.open_conflicts} 个` : ''}${u.last_reason_zh ? `（${u.last_reason_zh}）` : ''}`,
          );
        if (status.effect)
          lines.push(
            `依赖假设的指标 / resting on assumptions: ${status.effect.assumed_before} → ${status.effect.assumed_after}（共 ${status.effect.total}）；状态变化 / verdicts moved: ${status.effect.moved.length}`,
          );
        return lines.join('\n');
      });
      return;
    }
    default:
      throw new CliFailure('collect 的子命令：export、import、status', 'collect subcommands: export, import, status', 2);
  }
}

const pct1 = (v: number) => `${(v * 100).toFixed(1)}%`;

async function nowcastCommand(api: Api, positional: string[], flags: Record<string, unknown>, json: boolean): Promise<void> {
  if (positional[0] === 'import') {
    const file = positional[1];
    if (!file) throw new CliFailure('请指定要导入的文件', 'Name the file to import', 2);
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv')
      throw new CliFailure('只能导入 .xlsx 或 .csv 文件', 'Only .xlsx or .csv files can be imported', 2);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new CliFailure(`无法读取文件 ${file}`, `Cannot read ${file}: ${(err as Error).message}`);
    }
    const dryRun = Boolean(flags['dry-run']);
    const period = flags.period as string | undefined;
    const result = await call(api, 'nowcast:import', {
      content_base64: bytes.toString('base64'),
      kind: ext === '.xlsx' ? 'xlsx' : 'csv',
      file_name: path.basename(file),
      ...(dryRun ? { dry_run: true } : {}),
      ...(period ? { period } : {}),
    });
    if (result.errors.length) {
      // each message already names its row and column (第5行 D列“同比增长(%)”：…)
      const zh = result.errors.map((e) => e.message_zh).join('\n');
      const en = result.errors.map((e) => e.message_en).join('\n');
      throw new CliFailure(`未导入任何数据：\n${zh}`, `Nothing imported:\n${en}`);
    }
    print(json, result, () => {
      const lines = result.preview.map(
        (p) =>
          `  第${p.row}行 ${p.name_zh} ${p.period_zh} ${p.value}${p.unit}${p.growth === null ? '' : ` 增长${(p.growth * 100).toFixed(1)}%`}`,
      );
      const head = result.sheet_period ? `期间 / period: ${result.sheet_period.zh} (${result.sheet_period.en})\n` : '';
      return dryRun
        ? `${head}检查通过，将导入 ${result.will_store} 条（未写入）/ ${result.will_store} figures would be stored (nothing written):\n${lines.join('\n')}`
        : `${head}已导入 ${result.stored} 条1-N月累计数据 / imported ${result.stored} year-to-date figures`;
    });
    return;
  }
  const indicator = flags.indicator as string | undefined;
  if (!indicator) throw new CliFailure('请用 --indicator 指定指标', 'Give the indicator with --indicator', 2);
  const r = await call(api, 'nowcast:estimate', { indicator, year: flags.year as number | undefined });
  const out = {
    indicator: r.indicator,
    series: r.series,
    year: r.year,
    as_of_month: r.as_of_month,
    estimate: r.estimate,
    low: r.low,
    high: r.high,
    method: r.method_used,
    methods: r.methods.map((m) => ({
      method: m.method,
      available: m.available,
      estimate: m.estimate,
      detail_zh: m.detail_zh,
      detail_en: m.detail_en,
    })),
    band: r.error_band_source,
    backtest: r.backtest_all,
    note_zh: r.note_zh,
    note_en: r.note_en,
  };
  print(json, out, () =>
    [
      `${r.year}年全年推算 / full-year nowcast (${r.series}, 1-${r.as_of_month}月): ${r.estimate.toFixed(2)}  区间 / range ${r.low.toFixed(2)}–${r.high.toFixed(2)}`,
      `方法 / method: ${r.method_used}`,
      ...r.methods.map((m) => `  ${m.method}: ${m.available && m.estimate !== null ? m.estimate.toFixed(2) : '—'}  ${m.detail_zh}`),
      ...r.backtest_all.map(
        (b) =>
          `  回测 backtest ${b.year}: ${b.methods.map((m) => `${m.method} ${m.error_rel === null ? '—' : pct1(m.error_rel)}`).join(', ')}`,
      ),
    ].join('\n'),
  );
}

async function scenariosCommand(
  api: Api,
  sub: string | undefined,
  positional: string[],
  flags: Record<string, unknown>,
  json: boolean,
): Promise<void> {
  switch (sub) {
    case 'list': {
      const list = await call(api, 'scenarios:list', { state: 'live' });
      print(json, list, () => scenarioTable(list));
      return;
    }
    case 'export': {
      const out = flags.out as string | undefined;
      if (!out) throw new CliFailure('请用 --out 指定导出文件', 'Give the output file with --out', 2);
      let exported;
      if (flags.workspace) exported = await call(api, 'scenarios:export', { workspace: true });
      else {
        const ref = positional[0];
        if (!ref) throw new CliFailure('请指定要导出的情景名称', 'Name the scenario to export', 2);
        const scenario = await findScenario(api, ref);
        exported = await call(api, 'scenarios:export', { id: scenario.id });
      }
      api.store.writeExportFile(out, exported.content);
      print(json, { file: path.resolve(out) }, () => `已导出 / exported: ${path.resolve(out)}`);
      return;
    }
    case 'import': {
      const file = positional[0];
      if (!file) throw new CliFailure('请指定要导入的文件', 'Name the file to import', 2);
      const content = api.store.readImportFile(file);
      const result = await call(api, 'scenarios:import', { content });
      print(json, result, () => {
        const lines = result.created.map((c) => `已导入 / imported: ${c.name}`);
        for (const r of result.renamed) lines.push(`因重名另存为 / renamed because the name exists: ${r.from} → ${r.to}`);
        return lines.join('\n');
      });
      return;
    }
    case 'diff': {
      const [a, b] = positional;
      if (!a || !b) throw new CliFailure('请指定两个情景：scenarios diff A B', 'Give two scenarios: scenarios diff A B', 2);
      const sa = await findScenario(api, a);
      const sb = await findScenario(api, b);
      const diff = await call(api, 'scenarios:diff', { a: { id: sa.id }, b: { id: sb.id } });
      print(json, diff, () => {
        const lines = [`${sa.name} → ${sb.name}: ${diff.assumptions.length} 项假设不同 / assumptions differ`];
        for (const d of diff.assumptions) lines.push(`  ${d.series}: ${d.fields.join(', ')}`);
        for (const e of diff.effects.filter((x) => x.changed)) lines.push(`  ${e.name_zh}: ${e.a ?? '—'} → ${e.b ?? '—'} ${e.unit}`);
        return lines.join('\n');
      });
      return;
    }
    default:
      throw new CliFailure(`未知的 scenarios 子命令 "${sub ?? ''}"\n\n${USAGE}`, `unknown scenarios subcommand "${sub ?? ''}"`, 2);
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CliFailure) {
    console.error(`错误：${err.message_zh}\nError: ${err.message_en}`);
    process.exitCode = err.exitCode;
  } else if (err instanceof ArgError) {
    console.error(`参数错误：${err.message_zh}\nBad argument: ${err.message_en}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    const e = err as { message_zh?: string; message?: string };
    console.error(`错误：${e.message_zh ?? e.message}\nError: ${e.message}`);
    process.exitCode = 1;
  }
});
