/** The app's settings: the evaluation settings plus the language and the user's name. */
import { z } from 'zod';
import { EvalSettings, TargetBases, Year } from '../models/schema';

export const AppSettings = EvalSettings.extend({
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  user_name: z.string().max(100).default(''),
});
export type AppSettings = z.infer<typeof AppSettings>;

/**
 * What settings:set takes: only the keys given, without defaults (`AppSettings.partial()` keeps
 * the defaults, so setting the user name reset the tolerance and the language).
 */
export const SettingsPatch = z
  .object({
    base_year: Year.nullable().optional(),
    tolerance: z.number().min(0).max(0.5).optional(),
    as_of_year: Year.optional(),
    /** 接近完成 per target in its own units: any number here, checked with the target's name and range by guardSettings (models/near-tolerance.ts). */
    near_tolerance: z.record(z.string().max(200), z.number()).optional(),
    yardstick: z.enum(['linear', 'compound']).optional(),
    language: z.enum(['zh-CN', 'en']).optional(),
    user_name: z.string().max(100).optional(),
    /** 口径 per target (the whole map: a target left out returns to the plan's reading). */
    target_bases: TargetBases.optional(),
  })
  .strict();
