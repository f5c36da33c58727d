/**
 * Windows device names, shared by the file dialogs (dialog-requests.ts) and the app protocol
 * (app-protocol.ts). Pure, tested in tests/unit/electron/windows-names.test.ts.
 */

/**
 * CON, PRN, AUX, NUL, COM0-9, LPT0-9 (also with the superscript digits ¹²³ Windows accepts) and
 * CONIN$/CONOUT$, in any case, alone or with any extension ("nul.txt", "COM1.tar.gz") and with
 * spaces before the extension ("con .txt"): Windows opens the device for every one of them,
 * in any folder.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?$/i;

/** Whether one path segment (a file or folder name, no slashes) is a Windows device name. */
export function isWindowsDeviceName(segment: string): boolean {
  return WINDOWS_DEVICE.test(segment);
}
