// cargo-version-actions.cjs — nx release VersionActions for the Rust runtime crates (molt-runtime,
// molt-runtime-wasm): reads and writes `[package] version` in Cargo.toml and keeps Cargo.lock in step,
// so `cargo build --locked` still works after a release. Crates are not published (publish = false).
// Neighbours: cargo.cjs (TOML helpers), cargo-crates.cjs (makes the crates nx projects), nx.json (release groups).
'use strict';
const { join } = require('node:path');
const { VersionActions } = require('nx/release');
const { readPackageField, writePackageVersion, writeLockVersion } = require('./cargo.cjs');

class CargoVersionActions extends VersionActions {
  validManifestFilenames = ['Cargo.toml'];

  manifestPath() {
    return join(this.projectGraphNode.data.root, 'Cargo.toml');
  }

  async readCurrentVersionFromSourceManifest(tree) {
    const manifestPath = this.manifestPath();
    const text = tree.read(manifestPath, 'utf-8');
    const currentVersion = text ? readPackageField(text, 'version') : undefined;
    if (!currentVersion) {
      throw new Error(`Unable to read [package] version of '${this.projectGraphNode.name}' from ${manifestPath}.`);
    }
    return { currentVersion, manifestPath };
  }

  async readCurrentVersionFromRegistry() {
    // The runtime crates are not published to crates.io.
    return null;
  }

  async readCurrentVersionOfDependency() {
    // The crates have no nx-level dependencies on other release projects.
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree, newVersion) {
    const root = this.projectGraphNode.data.root;
    const manifestPath = this.manifestPath();
    const crate = readPackageField(tree.read(manifestPath, 'utf-8'), 'name');
    tree.write(manifestPath, writePackageVersion(tree.read(manifestPath, 'utf-8'), newVersion));
    const logs = [`✍️  New version ${newVersion} written to manifest: ${manifestPath}`];
    const lockPath = join(root, 'Cargo.lock');
    if (tree.exists(lockPath)) {
      tree.write(lockPath, writeLockVersion(tree.read(lockPath, 'utf-8'), crate, newVersion));
      logs.push(`✍️  New version ${newVersion} written to lock file: ${lockPath}`);
    }
    return logs;
  }

  async updateProjectDependencies() {
    return [];
  }
}

module.exports = CargoVersionActions;
module.exports.default = CargoVersionActions;
