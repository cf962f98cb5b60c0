/**
 * @module @credyt/vite
 * A Vite plugin: the Credyt proxy on Vite's own dev and preview servers, with the Credyt emulator in-process
 * (hosted checkout and portal pages on the same origin) when no `CREDYT_API_KEY` is set.
 */

export { credyt } from "./_internal/credyt";
export { CredytPluginError, type CredytPluginOptions } from "./_internal/settings";
