import { clientConditions } from "@repo/tooling/vitest";
import type { StorybookConfig } from "@storybook/react-vite";
import { mergeConfig, type UserConfig } from "vite";

/**
 * One Storybook for the whole repo. Stories sit beside their components; workspace packages
 * resolve to their TypeScript source through the `@credyt/source` condition, so no build is needed.
 */
const config: StorybookConfig = {
  stories: ["./*.mdx", "../packages/*/src/**/*.mdx", "../packages/*/src/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest"],
  framework: { name: "@storybook/react-vite", options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) =>
    mergeConfig(vite, {
      resolve: { conditions: clientConditions, dedupe: ["react", "react-dom"] },
      build: {
        // The preview bundles React, Radix and the docs blocks: large by nature, never shipped to users.
        chunkSizeWarningLimit: 4096,
        rollupOptions: {
          // Radix and SWR ship "use client"; it means nothing inside a bundle, so the warning is noise.
          onwarn(warning, warn) {
            if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
            warn(warning);
          },
        },
      },
    } satisfies UserConfig),
};

export default config;
