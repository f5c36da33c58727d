/**
 * The child side of fake-electron's utilityProcess.fork: a real Node process that gives the
 * built utility bundle what Electron's utility process would, `process.parentPort` (over Node's
 * IPC channel, structured-clone serialisation), and evaluates the bundle with `__filename` as in
 * the installed app (argv: bundle file, the path the app would load it from, the project root).
 */
const { EventEmitter } = require('node:events');
const { createRequire } = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const [bundle, asFilename, root] = process.argv.slice(2);
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (message) => port.emit('message', { data: message }));
process.parentPort = port;

const realRequire = createRequire(path.join(root, 'package.json'));
const fakeRequire = (id) => (id === 'electron' ? {} : realRequire(id));
const code = fs.readFileSync(bundle, 'utf8');
const mod = { exports: {} };
new Function('exports', 'require', 'module', '__filename', '__dirname', code)(
  mod.exports,
  fakeRequire,
  mod,
  asFilename,
  path.dirname(asFilename),
);
