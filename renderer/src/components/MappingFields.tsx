/**
 * The column mapping of an import: one select per field, giving the sheet column (0-based, -1 for
 * none) it is read from — the model of the actuals import (models/actuals-import.ts ColumnMapping)
 * and of the year-to-date import (contract YtdColumnMapping). Used by both import dialogs.
 */
import { useTranslation } from 'react-i18next';

export function MappingFields<F extends string>({
  fields,
  mapping,
  headers,
  fieldLabel,
  required = [],
  onChange,
  testId,
  selectTestId = (f) => `map-${f}`,
  disabled,
}: {
  fields: readonly F[];
  mapping: Record<F, number>;
  /** the header row's texts (a blank header shows as "第 n 列"). */
  headers: readonly string[];
  fieldLabel: (field: F) => string;
  required?: readonly F[];
  onChange: (mapping: Record<F, number>) => void;
  testId?: string;
  selectTestId?: (field: F) => string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="mapping" data-testid={testId}>
      {fields.map((f) => (
        <label key={f} className="map-row">
          <span className="map-field">
            {fieldLabel(f)}
            {required.includes(f) && (
              <span className="req" aria-label={t('import.required')}>
                *
              </span>
            )}
          </span>
          <select
            value={mapping[f]}
            disabled={disabled}
            onChange={(e) => onChange({ ...mapping, [f]: Number(e.target.value) })}
            data-testid={selectTestId(f)}
            data-field={f}
          >
            <option value={-1}>{t('import.notMapped')}</option>
            {headers.map((h, i) => (
              <option key={i} value={i}>
                {h.trim() || t('import.column', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
