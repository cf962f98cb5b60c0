import { describe, expect, it } from "vitest";
import { addedLines, credytLines, namedBlocks, relativeLinks } from "./quick-start";

describe("the smoke test's own helpers", () => {
  it("relativeLinks finds relative Markdown and HTML links, and ignores URLs, anchors and code", () => {
    const md = [
      "[a](../proxy/README.md) [b](docs/x.md#part) [c](https://x.dev/y) [d](#anchor)",
      '<a href="examples/session.ts">e</a> `[not](a-link.md)`',
      "[ref]: ./LICENSE",
      "```md\n[also not](code.md)\n```",
    ].join("\n");
    expect(relativeLinks(md)).toEqual(["../proxy/README.md", "docs/x.md", "examples/session.ts", "./LICENSE"]);
  });

  it("addedLines counts what a diff shows as added (a changed line counts once)", () => {
    expect(addedLines("a\nb\nc", "a\nb\nc")).toBe(0);
    expect(addedLines("a\nb\nc", "a\nx\nb\nc")).toBe(1);
    expect(addedLines("a\nb\nc", "a\nB\nc\nd")).toBe(2);
  });
});

describe("credytLines (the rule the Credyt line ceilings use)", () => {
  it("counts Credyt imports, calls, their option objects and components, not the app's own lines", () => {
    const source = [
      'import { createCredyt } from "@credyt/proxy";',
      'import { WalletBalance } from "@credyt/react";',
      'import express from "express";',
      "",
      "// the one instance",
      "const credyt = createCredyt({",
      "  apiKey: process.env.KEY,",
      "  identify: ({ req }) => (req.user ? { externalId: req.user.id } : null),",
      "});",
      "const app = express();",
      'app.use("/api/credyt", credyt.node());',
      "app.listen(3000);",
      'const ui = <WalletBalance account="USD" />;',
    ].join("\n");
    expect(credytLines(source)).toEqual([
      'import { createCredyt } from "@credyt/proxy";',
      'import { WalletBalance } from "@credyt/react";',
      "const credyt = createCredyt({",
      "  apiKey: process.env.KEY,",
      "  identify: ({ req }) => (req.user ? { externalId: req.user.id } : null),",
      "});",
      'app.use("/api/credyt", credyt.node());',
      'const ui = <WalletBalance account="USD" />;',
    ]);
  });

  it("namedBlocks keys a README's code blocks by the file named in their first comment", () => {
    const md =
      "```ts\n// lib/credyt.ts: one instance\nexport const x = 1;\n```\n\n```tsx\n// app/page.tsx (a Server Component)\nexport default 1;\n```\n";
    const blocks = namedBlocks(md);
    expect([...blocks.keys()]).toEqual(["lib/credyt.ts", "app/page.tsx"]);
    expect(blocks.get("lib/credyt.ts")).toBe("// lib/credyt.ts: one instance\nexport const x = 1;\n");
  });
});
