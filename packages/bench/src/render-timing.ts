// Run by render.ts with NODE_ENV=production: time to render 100 accounts vs 100 formatted numbers.
import { installDom } from "./_dom";
import { median } from "./_process";

installDom();
const React = await import("react");
const { createRoot } = await import("react-dom/client");
const { flushSync } = await import("react-dom");
const { CredytProvider, WalletBalance } = await import("@credyt/react");
const { formatAmount } = await import("@credyt/core");

const accounts = Array.from({ length: 100 }, (_, i) => ({
  id: `acct${i}:USD`,
  name: `acct${i}`,
  asset: "USD",
  available: 1000 + i / 7,
}));
const never: typeof fetch = () => new Promise(() => {});

function time(element: React.ReactElement): number {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  const t0 = performance.now();
  flushSync(() => root.render(element));
  const ms = performance.now() - t0;
  root.unmount();
  container.remove();
  return ms;
}

const ours: number[] = [];
const plain: number[] = [];
for (let round = 0; round < 30; round++) {
  ours.push(
    time(
      React.createElement(
        CredytProvider,
        { fetch: never, locale: "en-US", fallback: { wallet: { accounts } } },
        React.createElement(WalletBalance, { showAll: true }),
      ),
    ),
  );
  plain.push(
    time(
      React.createElement(
        "ul",
        null,
        accounts.map((a) =>
          React.createElement("li", { key: a.id }, formatAmount(a.available, a.asset, { locale: "en-US" })),
        ),
      ),
    ),
  );
}
process.stdout.write(`${JSON.stringify({ ours: median(ours.slice(10)), plain: median(plain.slice(10)) })}\n`);
process.exit(0);
