/** The file chooser of every import: a large drop target that reads one file and resets itself. */
import { Icon } from './Icon';
import { Spinner } from './ui';

export function FileDrop({
  label,
  accept,
  onFile,
  busy = false,
  busyLabel,
  testId,
  inputTestId,
}: {
  label: string;
  accept: string;
  onFile: (file: File) => void | Promise<void>;
  busy?: boolean;
  busyLabel?: string;
  testId?: string;
  inputTestId?: string;
}) {
  return (
    <label className="file-drop" data-testid={testId}>
      {busy ? <Spinner label={busyLabel} /> : <Icon name="upload" size={28} />}
      <span>{label}</span>
      <input
        type="file"
        accept={accept}
        disabled={busy}
        data-testid={inputTestId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          // reset, so choosing the same file again (after fixing it) reads it again
          e.target.value = '';
          if (f) void onFile(f);
        }}
      />
    </label>
  );
}
