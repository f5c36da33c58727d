/**
 * The collection channels (collect:*) over scenarios/collect/: reporting units, rounds, the
 * workbooks out (base64 over the contract), the returned files in, conflicts decided.
 */
import type { CollectExport, CollectExportZip, CollectReporters, ParsedReq } from '../contract';
import { planUnits, type VerdictSnapshot } from '../models/collect';
import type { Plan } from '../models/schema';
import type { ProjectionResult } from '../models/types';
import { CollectService } from '../scenarios/collect/collect';
import type { ScenarioStore } from '../scenarios/store/store';
import { decodeBase64 } from './nowcast';

/** The baseline as the scoreboard evaluates it: each target's status and whether it rests on an assumption. */
function verdictSnapshot(result: ProjectionResult): VerdictSnapshot {
  return { targets: Object.fromEntries(result.targets.map((t) => [t.id, { status: t.status, assumed: t.assumed }])) };
}

export function collectService(store: ScenarioStore, plan: Plan, author: string, evaluateBaseline: () => ProjectionResult): CollectService {
  return new CollectService(store, plan, { author, snapshot: () => verdictSnapshot(evaluateBaseline()) });
}

export function collectReporters(svc: CollectService, plan: Plan): CollectReporters {
  const r = svc.reporters();
  return { units: planUnits(plan), reporters: r.reporters };
}

export async function collectExport(svc: CollectService, req: ParsedReq<'collect:export'>): Promise<CollectExport> {
  const files = await svc.exportWorkbooks(req.round_id, req.units);
  return {
    round_id: req.round_id,
    files: files.map((f) => ({ unit: f.unit, file_name: f.file_name, content_base64: f.bytes.toString('base64') })),
  };
}

export async function collectExportZip(svc: CollectService, req: ParsedReq<'collect:exportZip'>): Promise<CollectExportZip> {
  const z = await svc.exportZip(req.round_id, req.units);
  return { round_id: req.round_id, file_name: z.file_name, units: z.units, content_base64: z.bytes.toString('base64') };
}

export async function collectImport(svc: CollectService, req: ParsedReq<'collect:import'>) {
  const reports = [];
  for (const [i, f] of req.files.entries()) {
    const bytes = decodeBase64(f.content_base64, `files[${i}].content_base64`);
    reports.push(
      await svc.importFile(
        { name: f.name, bytes },
        { round_id: req.round_id, expect_unit: req.expect_unit, confirm_mapping: req.confirm_mapping },
      ),
    );
  }
  return { reports };
}
