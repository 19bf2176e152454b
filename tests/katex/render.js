// Render many formulas with the real KaTeX in one process.
// stdin: JSON [{"tex": str, "display": bool}, ...]
// stdout: JSON [{"ok": bool, "error": str|null}, ...] in the same order.
"use strict";
const katex = require("katex");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const items = JSON.parse(input);
  const out = items.map(({ tex, display }) => {
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: Boolean(display), strict: "error" });
      return { ok: true, error: null };
    } catch (e) {
      return { ok: false, error: String(e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
