import { afterEach, beforeEach, expect, inject, vi } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    storyTheme: "light" | "dark";
  }
}

// The theme this browser instance tests (see vitest.config.ts); the preview's host decorator reads it.
(globalThis as { __CREDYT_STORY_THEME__?: string }).__CREDYT_STORY_THEME__ = inject("storyTheme");

// "Every story renders with no console error": any console.error during a story fails its test,
// with the logged messages in the failure.
let errors: unknown[][] = [];
let spy: ReturnType<typeof vi.spyOn> | undefined;

beforeEach(() => {
  errors = [];
  const original = console.error.bind(console);
  spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
    original(...args);
  });
});

afterEach(() => {
  spy?.mockRestore();
  expect(
    errors.map((args) => args.map(String).join(" ")),
    "console.error during the story",
  ).toEqual([]);
});
