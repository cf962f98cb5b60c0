import type { Decorator, Preview } from "@storybook/react-vite";
import { configure } from "storybook/test";
import { type CredytMessages, de, en, es, fr, ja } from "../packages/react/src/index";
// The package's optional stylesheet, as text: stories with `parameters.credytStyles: false` render without it.
import credytStyles from "../packages/react/src/styles.css?inline";
import { MockCredytProvider, type MockCredytProviderProps } from "../packages/react/src/testing";
import "./preview.css";

// Play functions wait for lazily loaded chunks (the checkout code, the top-up dialog) and mock answers;
// Testing Library's default 1 s for findBy/waitFor is too short on a loaded two-core CI machine, and from the
// static build (the screenshot runner) chunks arrive later than from the dev server. Set here, so the stories
// suite and the screenshot runner wait alike. A wait that succeeds returns at once: only real failures are slower.
configure({ asyncUtilTimeout: 5000 });

/** Locales of the toolbar: the BCP 47 tag for amounts and the bundled message set. */
export const LOCALES: Record<string, { tag: string; messages: CredytMessages }> = {
  en: { tag: "en-US", messages: en },
  de: { tag: "de-DE", messages: de },
  ja: { tag: "ja-JP", messages: ja },
  fr: { tag: "fr-FR", messages: fr },
  es: { tag: "es-ES", messages: es },
};

/**
 * Stories describe their data with `parameters.credyt` (the props of `MockCredytProvider`: a fixture
 * `scenario`, `errors`, `wallet`…), plus a `loaders` entry returning `{ client, onRedirect }` when the play
 * function reads the mock's `calls` or the redirects (made per render, so nothing leaks between runs). Locale and labels come from the toolbar unless the story sets them.
 */
const withCredyt: Decorator = (Story, { parameters, globals, loaded }) => {
  const mock = parameters.credyt as MockCredytProviderProps | undefined;
  if (!mock) return <Story />;
  const locale = LOCALES[parameters.locale ?? globals.locale ?? "en"] ?? LOCALES.en!;
  const { client, onRedirect } = loaded as Pick<MockCredytProviderProps, "client" | "onRedirect">;
  return (
    <MockCredytProvider
      locale={locale.tag}
      labels={locale.messages}
      {...mock}
      {...(client ? { client } : {})}
      {...(onRedirect ? { onRedirect } : {})}
    >
      <Story />
    </MockCredytProvider>
  );
};

/** The page around a story: theme, language and motion, set on `<html>` too so portalled dialogs follow. */
const withHost: Decorator = (Story, { globals, parameters }) => {
  // The vitest run sets the theme per browser instance (.storybook/vitest.setup.ts).
  const tested = (globalThis as { __CREDYT_STORY_THEME__?: "light" | "dark" }).__CREDYT_STORY_THEME__;
  const theme: "light" | "dark" = parameters.theme ?? tested ?? globals.theme ?? "light";
  const locale: string = parameters.locale ?? globals.locale ?? "en";
  const html = document.documentElement;
  html.dataset.credytTheme = theme;
  html.dataset.motion = globals.motion ?? "off";
  html.lang = LOCALES[locale]?.tag ?? locale;
  return (
    <div
      data-story-host=""
      data-credyt-theme={theme}
      lang={LOCALES[locale]?.tag ?? locale}
      style={parameters.hostStyle}
    >
      {parameters.credytStyles === false ? null : <style>{credytStyles}</style>}
      <Story />
    </div>
  );
};

const preview: Preview = {
  // Outermost last: the host frame wraps the provider, which wraps the story.
  decorators: [withCredyt, withHost],
  globalTypes: {
    theme: {
      description: "Light or dark theme",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: "Locale of amounts and strings",
      toolbar: {
        title: "Locale",
        icon: "globe",
        items: [
          { value: "en", title: "English (en-US)" },
          { value: "de", title: "Deutsch (de-DE)" },
          { value: "ja", title: "日本語 (ja-JP)" },
          { value: "fr", title: "Français (fr-FR)" },
          { value: "es", title: "Español (es-ES)" },
        ],
        dynamicTitle: true,
      },
    },
    motion: {
      description: "Animations (off keeps screenshots stable)",
      toolbar: {
        title: "Motion",
        icon: "lightning",
        items: [
          { value: "off", title: "Animations off" },
          { value: "on", title: "Animations on" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light", locale: "en", motion: "off" },
  parameters: {
    layout: "fullscreen",
    a11y: { test: "error" },
    controls: { matchers: { color: /(background|color)$/i } },
    options: {
      storySort: {
        order: [
          "Introduction",
          "Components",
          ["WalletBalance", "TopUpButton", "BillingPortalLink"],
          "Theming",
          "Locales",
          "Live",
        ],
      },
    },
  },
  tags: ["autodocs"],
};

export default preview;
