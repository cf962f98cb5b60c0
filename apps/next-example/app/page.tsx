import type { Wallet } from "@credyt/core";
import { BillingPortalLink, CredytProvider, TopUpButton, WalletBalance } from "@credyt/react";
import { credyt, currentUser } from "@/lib/credyt";

// Balances are per customer and change all the time: render on every request, never at build time.
export const dynamic = "force-dynamic";

/**
 * Fetches the wallet on the server, so the balance is in the HTML: no loading flash, no layout shift.
 * `credyt.api` answers the same `Wallet` the provider's `initialWallet` takes: no mapping needed, and finds the
 * user's Credyt customer with the same mapping the proxy's `identify` uses.
 */
async function prefetchWallet(userId: string): Promise<Wallet | undefined> {
  try {
    return await credyt.api.getWallet(await credyt.api.customers.getOrCreate(userId));
  } catch (error) {
    // The components fetch it themselves in the browser; the page still renders.
    console.error("Could not prefetch the Credyt wallet:", error);
    return undefined;
  }
}

export default async function Home() {
  const user = await currentUser();
  const wallet = user ? await prefetchWallet(user.id) : undefined;
  return (
    <main>
      <h1>Your credits</h1>
      {user ? (
        // A fixed locale keeps the server's and the browser's formatting identical (no hydration mismatch).
        <CredytProvider locale="en-US" initialWallet={wallet} assets={{ TOK: { label: "tokens" } }}>
          <section aria-labelledby="balance-title">
            <h2 id="balance-title">Balance</h2>
            <WalletBalance account="USD" lowBalance={5} data-testid="usd-balance" />
            <WalletBalance showAll data-testid="all-balances" />
          </section>
          <section className="actions" aria-label="Billing">
            <TopUpButton amount={10} currency="USD" />
            <TopUpButton currency="USD" presets={[10, 25, 50]} min={5} max={500} />
            <BillingPortalLink>Billing portal</BillingPortalLink>
          </section>
        </CredytProvider>
      ) : (
        <p>Sign in to see your balance.</p>
      )}
    </main>
  );
}
