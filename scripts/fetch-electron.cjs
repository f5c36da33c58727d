// Electron's install script is denied in package.json (allowScripts) so that `npm ci` works
// offline. `npm start` and `npm run dist` call this first: it downloads Electron's binary once,
// on a machine with network access, with Electron's own installer.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const dir = path.join(__dirname, '..', 'node_modules', 'electron');
const pathFile = path.join(dir, 'path.txt');
// A runtime left from another version (say 38, before the upgrade to 45) is downloaded again.
const wanted = require(path.join(dir, 'package.json')).version;
const versionFile = path.join(dir, 'dist', 'version');
const onDisk = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : null;
if (fs.existsSync(pathFile) && onDisk === wanted) process.exit(0);
console.log('正在下载 Electron 运行时 / downloading the Electron runtime (needs network access)…');
const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'inherit', cwd: dir });
if (result.status !== 0) {
  console.error('无法下载 Electron：请在能联网的电脑上运行，或用 npm run web 在浏览器中使用本应用。');
  console.error('Cannot download Electron: run this on a machine with network access, or use `npm run web` to use the app in a browser.');
  process.exit(1);
}
