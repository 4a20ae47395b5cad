#!/usr/bin/env bash
# Refresh the JavaScript libraries the web UI embeds: install the versions
# pinned in crates/attest-server/ui/package-lock.json and copy each one's
# minified dist file and licence into crates/attest-server/assets/vendor/.
# The copies are committed, so building and running attest needs no Node;
# run this only to change a library's version.
set -euo pipefail
cd "$(dirname "$0")/../crates/attest-server/ui"
npm ci --ignore-scripts --no-audit --no-fund
vendor=../assets/vendor
mkdir -p "$vendor"
cp node_modules/chart.js/dist/chart.umd.min.js "$vendor/chart.umd.min.js"
cp node_modules/chart.js/LICENSE.md "$vendor/chart.js.LICENSE.md"
cp node_modules/cytoscape/dist/cytoscape.min.js "$vendor/cytoscape.min.js"
cp node_modules/cytoscape/LICENSE "$vendor/cytoscape.LICENSE"
rm -rf node_modules
ls -l "$vendor"
