/** Inline SVG icons (no icon font, nothing fetched). 24x24 strokes, currentColor. */
import type { SVGProps } from 'react';

const PATHS: Record<string, string> = {
  scoreboard: 'M4 5h16M4 12h16M4 19h16M8 3v4M8 10v4M8 17v4',
  workbench: 'M4 19V5M4 19h16M7 15l4-5 3 3 5-6',
  scenarios: 'M6 4v6m0 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm0 4v6m0 0h6m-6-6h6m0 0a2 2 0 1 0 4 0 2 2 0 0 0-4 0Zm0 6a2 2 0 1 0 4 0 2 2 0 0 0-4 0Z',
  compare: 'M5 20V9M10 20V4M15 20v-8M20 20V7',
  data: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3Zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2.2-1.3L14.4 3h-4l-.4 2.4a7.5 7.5 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3Z',
  undo: 'M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'm15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
  search: 'M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm10 2-4.3-4.3',
  plus: 'M12 5v14M5 12h14',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  restore: 'M3 12a9 9 0 1 0 3-6.7L3 8m0-5v5h5',
  download: 'M12 4v12m0 0-5-5m5 5 5-5M4 20h16',
  upload: 'M12 20V8m0 0-5 5m5-5 5 5M4 4h16',
  collect: 'M4 4h16v6H4zM4 14h7v6H4zM15 14l3 3 3-3M18 17v-7',
  check: 'm5 12 5 5 9-10',
  close: 'M6 6l12 12M18 6 6 18',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  branch: 'M6 3v12m0 0a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm12-6a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm0 0c0 5-6 4-12 6',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8m0-5v5h5M12 7v5l3 3',
  warning: 'M12 3 2 20h20L12 3Zm0 6v5m0 3v.01',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-5v-5m0-3v-.01',
  edit: 'M4 20h4L19 9l-4-4L4 16v4Z',
  snowflake: 'M12 2v20M4.9 7l14.2 10M4.9 17 19.1 7',
  target: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-5a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm0-3v-2',
  chevronRight: 'm9 6 6 6-6 6',
  chevronDown: 'm6 9 6 6 6-6',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  save: 'M5 4h11l3 3v13H5zM8 4v5h7V4M8 20v-6h8v6',
  present: 'M3 4h18v12H3zM8 20h8M12 16v4M10 7.5v5l4.5-2.5z',
};

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, ...rest }: { name: IconName; size?: number } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
