/**
 * Preloaded (NODE_OPTIONS=--require) into electronegativity by scripts/check-electron-security.ts.
 *
 * electronegativity 1.10.3 writes its CSV report with two asynchronous fs.writeFile calls that race:
 * the header with flag 'w' (truncating) and the rows with flag 'a'. When the rows land first, the
 * header's truncating write cuts them (a report missing findings, or the header written over the
 * first row: "Invalid Opening Quote"). Here writes to the report file named by
 * ELECTRONEGATIVITY_REPORT are done synchronously, in the order they were called, so the header
 * always comes first and no row is lost. Every other write is untouched.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const report = process.env.ELECTRONEGATIVITY_REPORT ? path.resolve(process.env.ELECTRONEGATIVITY_REPORT) : null;
const writeFile = fs.writeFile;

fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  if (report === null || typeof file !== 'string' || path.resolve(file) !== report || typeof cb !== 'function') {
    return writeFile.apply(this, arguments);
  }
  let error = null;
  try {
    fs.writeFileSync(file, data, opts);
  } catch (e) {
    error = e;
  }
  process.nextTick(cb, error);
};
