import type { Decorator, Preview } from "@storybook/react-vite";
import "./preview.css";

/** The page around a story: theme, language and motion, set on `<html>` too so portalled dialogs follow. */
const withHost: Decorator = (Story, { globals, parameters }) => {
  const theme: "light" | "dark" = parameters.theme ?? globals.theme ?? "light";
  const locale: string = parameters.locale ?? globals.locale ?? "en";
  const motion: string = globals.motion ?? "off";
  const html = document.documentElement;
  html.dataset.theme = theme;
  html.dataset.motion = motion;
  html.lang = locale;
  return (
    <div data-story-host="" data-theme={theme} lang={locale}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  decorators: [withHost],
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
    options: { storySort: { order: ["Introduction", "Components", "Theming", "Locales", "Live"] } },
  },
  tags: ["autodocs"],
};

export default preview;
