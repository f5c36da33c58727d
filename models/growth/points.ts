/** The checks shared by the models given as points (interp, step). */
import { badParameter, requireFinite } from '../errors';

export function validatePoints(id: string, name: 'points' | 'steps', pts: readonly { year: number; value: number }[]): void {
  if (!Array.isArray(pts) || pts.length === 0) throw badParameter(id, name, 'needs at least one point', '至少需要一个点');
  for (let i = 0; i < pts.length; i++) {
    const y = requireFinite(pts[i].year, id, `${name}[${i}].year`);
    if (!Number.isInteger(y)) throw badParameter(id, `${name}[${i}].year`, 'must be a whole year', '须为整数年份');
    requireFinite(pts[i].value, id, `${name}[${i}].value`);
  }
}
