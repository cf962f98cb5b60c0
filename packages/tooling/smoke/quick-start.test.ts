import { describe, expect, it } from "vitest";
import { addedLines, relativeLinks } from "./quick-start";

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
