// cargo.cjs — tiny Cargo.toml reader/writer shared by the nx crate plugin and the Cargo version actions.
// Neighbours: cargo-crates.cjs (project inference), cargo-version-actions.cjs (nx release versioning).
'use strict';

/** Returns the value of `key = "..."` inside the `[package]` table, or undefined. */
function readPackageField(toml, key) {
  let inPackage = false;
  for (const line of toml.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      inPackage = header[1].trim() === 'package';
      continue;
    }
    if (!inPackage) continue;
    const m = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`).exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** Rewrites `version = "..."` in the `[package]` table; throws when there is none. */
function writePackageVersion(toml, newVersion) {
  let inPackage = false;
  let done = false;
  const out = toml.split('\n').map((line) => {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      inPackage = header[1].trim() === 'package';
      return line;
    }
    if (inPackage && !done && /^\s*version\s*=\s*"[^"]*"/.test(line)) {
      done = true;
      return line.replace(/"[^"]*"/, `"${newVersion}"`);
    }
    return line;
  });
  if (!done) throw new Error('Cargo.toml has no [package] version');
  return out.join('\n');
}

/** Rewrites the version of the `[[package]]` entry named `name` in a Cargo.lock (unchanged if absent). */
function writeLockVersion(lock, name, newVersion) {
  const lines = lock.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === `name = "${name}"` && /^\s*version\s*=/.test(lines[i + 1] ?? '')) {
      lines[i + 1] = lines[i + 1].replace(/"[^"]*"/, `"${newVersion}"`);
    }
  }
  return lines.join('\n');
}

module.exports = { readPackageField, writePackageVersion, writeLockVersion };
