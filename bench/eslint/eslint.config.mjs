// ESLint 9 rules closest to minislint's checks, for bench/run.py and the issue-2 comparison.
// Run from bench/ with `-c eslint/eslint.config.mjs` so the corpus is inside the base path.
import globals from "globals";

const restricted = [
  // clipboard, geolocation, vibration (issue 3's no-forbidden-api) and location
  { object: "navigator", property: "clipboard", message: "Clipboard API is forbidden in Minis." },
  { object: "navigator", property: "geolocation", message: "Geolocation API is forbidden in Minis." },
  { object: "navigator", property: "vibrate", message: "Vibration API is forbidden in Minis." },
  { object: "window", property: "location", message: "Navigation through location is disabled in Minis." },
  { object: "document", property: "location", message: "Navigation through location is disabled in Minis." },
];

export default [
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    linterOptions: { reportUnusedDisableDirectives: "off" },
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "script", // UMD / IIFE bundles: top-level `this` is the global object
      globals: { ...globals.browser },
    },
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-globals": ["error",
        { name: "location", message: "Navigation through location is disabled in Minis." },
        { name: "ClipboardItem", message: "Clipboard API is forbidden in Minis." }],
      "no-restricted-properties": ["error", ...restricted],
    },
  },
  // Babel-style "unambiguous" cannot be expressed in flat config; name the module builds.
  { files: ["**/*.mjs", "**/*.module.js"], languageOptions: { sourceType: "module" } },
];
