// The widget's linter (npm run lint, run by make test). The widget runs unbundled in browsers as
// ES modules; the node tests import the same modules.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["theme/assets/repready/dist/", "node_modules/", "site/", "build/", ".venv/", ".cache/", "benchmarks/.work/"] },
  js.configs.recommended,
  {
    files: ["theme/assets/repready/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // Classic scripts: plan.js is loaded by a <script> element the widget adds, lrs.js by the plugin.
    files: ["theme/assets/repready/plan.js", "theme/assets/repready/lrs.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["tests/js/**/*.js", "scripts/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    files: ["benchmarks/gift-pegjs/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    rules: {
      "eqeqeq": ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "max-len": ["error", { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true }],
    },
  },
  {
    files: ["theme/assets/repready/plan.js"],
    rules: { "no-var": "off", "prefer-const": "off" },
  },
];
