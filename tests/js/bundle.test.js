// The committed bundles in theme/assets/repready/dist/ are what `npm run build` makes of the
// current sources: a site built without node must not ship a stale widget.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, it } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

import { widgetOptions } from "../../scripts/build-widget.mjs";

const committed = fileURLToPath(new URL("../../theme/assets/repready/dist/", import.meta.url));
const fresh = mkdtempSync(join(tmpdir(), "repready-dist-"));
after(() => rmSync(fresh, { recursive: true, force: true }));

const files = root => readdirSync(root, { recursive: true, withFileTypes: true })
  .filter(entry => entry.isFile())
  .map(entry => relative(root, join(entry.parentPath, entry.name)))
  .sort();

it("the committed widget bundles are current (else run: npm run build)", async () => {
  await build(widgetOptions(fresh));
  assert.deepEqual(files(committed), files(fresh));
  for (const name of files(fresh)) {
    assert.equal(readFileSync(join(committed, name), "utf-8"), readFileSync(join(fresh, name), "utf-8"), name);
  }
});
