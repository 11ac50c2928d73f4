/**
 * Test harness: runs the vscode-API suite (suite.cjs, copied next to this file when the harness
 * is packaged) in whatever extension host loads it, code-server included, and writes what
 * happened to $DFH_SUITE_RESULT. Does nothing when that variable is not set.
 */
const { renameSync, writeFileSync } = require('node:fs');

/** Written whole, then renamed: the test sees a complete file or none. */
function report(path, value) {
  writeFileSync(`${path}.partial`, JSON.stringify(value));
  renameSync(`${path}.partial`, path);
}

exports.activate = async function activate() {
  const resultPath = process.env.DFH_SUITE_RESULT;
  if (!resultPath) return;
  const lines = [];
  try {
    await require('./suite.cjs').run((line) => lines.push(line));
    report(resultPath, { ok: true, lines });
  } catch (error) {
    report(resultPath, { ok: false, error: String(error?.stack ?? error), lines });
  }
};

exports.deactivate = function deactivate() {};
