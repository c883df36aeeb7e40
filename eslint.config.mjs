// ESLint for the site's own scripts (docs/assets/javascripts); run by tests/test_lint.py with the
// version pinned in package.json. The scripts are classic browser scripts (an IIFE each, ES5 style,
// no modules), run in every browser the site supports.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["docs/assets/javascripts/**/*.js"],
    // Material's inline scripts moved into files unchanged (compare them with Material's partials).
    ignores: ["docs/assets/javascripts/material-*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, docx: "readonly" },
    },
    rules: {
      ...js.configs.recommended.rules,
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-shadow": "error",
    },
  },
  {
    // The scripts that are also CommonJS modules (tests/js/ require them in Node).
    files: ["docs/assets/javascripts/draft-markdown.js", "docs/assets/javascripts/matrix-address.js"],
    languageOptions: { globals: { module: "readonly" } },
  },
  {
    files: ["tests/js/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
