import { version } from "react";
import { version as domVersion } from "react-dom";
import { expect, it } from "vitest";

// Guards the React 18 project's aliases: if they broke, the "React 18" run would silently be 19.
it("runs on the React major this project is for", () => {
  expect(version.split(".")[0]).toBe(process.env.CREDYT_REACT_MAJOR);
  expect(domVersion.split(".")[0]).toBe(process.env.CREDYT_REACT_MAJOR);
});
