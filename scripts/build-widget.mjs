// Bundles and minifies the quiz widget for the site: theme/assets/repready/{quiz.js,widget/,types/}
// (readable ES modules, linted and unit-tested) -> theme/assets/repready/dist/ (what pages load).
// One bundle for the widget, one per item type (fetched only by pages that use it), and the CSS.
// The bundles are committed, so building the site needs no node; tests/js/bundle.test.js fails
// when they are stale. Run: npm run build [-- <out dir>]
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const source = fileURLToPath(new URL("../theme/assets/repready/", import.meta.url));
// Shared helpers of several types, not types of their own.
const HELPERS = new Set(["choice.js"]);

export function widgetOptions(outdir) {
  const types = readdirSync(source + "types").filter(f => f.endsWith(".js") && !HELPERS.has(f)).sort();
  return {
    absWorkingDir: source,
    entryPoints: ["quiz.js", "quiz.css", ...types.map(f => `types/${f}`)],
    outbase: ".",
    outdir,
    bundle: true,
    format: "esm",
    target: ["es2020"],
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "warning",
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] || source + "dist";
  await build(widgetOptions(outdir));
}
