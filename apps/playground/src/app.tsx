import { CredytProvider, WalletBalance } from "@credyt/react";
import type { ReactNode } from "react";
import { AccountPage } from "./account-page";
import { CreditsPage } from "./credits-page";
import { usePage } from "./router";
import { type Session, signIn, signOut, useSession } from "./session";
import { LOW_BALANCE_USD } from "./settings";
import { SignIn } from "./sign-in";
import { StudioPage } from "./studio-page";

/** Credyt's own hosts stay allowed; the emulator's host is added by the server in development. */
const CREDYT_HOSTS = ["credyt.ai", "*.credyt.ai"];
const WITHOUT_CUSTOMER_PROP = new URLSearchParams(location.search).get("customerProp") === "off";

export function App(): ReactNode {
  const { session, error } = useSession();
  if (error) {
    return (
      <main className="centered">
        <p role="alert">Could not reach the playground server: {error.message}</p>
      </main>
    );
  }
  if (!session) return <main className="centered" aria-busy="true" />;
  if (!session.customer) return <SignIn customers={session.customers} />;
  return (
    <CredytProvider
      // Who is signed in: a switch clears Credyt's entries of the SWR cache before anything shows.
      // `?customerProp=off` leaves it out, as an app that forgets it would (the e2e tests prove the
      // proxy's customer reference still keeps every balance right).
      {...(WITHOUT_CUSTOMER_PROP ? {} : { customer: session.customer.externalId })}
      locale="en-US"
      allowedRedirectHosts={[...CREDYT_HOSTS, ...session.redirectHosts]}
      assets={{ TOK: { label: "tokens" } }}
      // The low-balance level, once for every balance and notice.
      lowBalance={{ USD: LOW_BALANCE_USD }}
    >
      <Shell session={session} customer={session.customer} />
    </CredytProvider>
  );
}

function Shell(props: { session: Session; customer: NonNullable<Session["customer"]> }): ReactNode {
  const { session, customer } = props;
  const [page, link] = usePage();
  return (
    <>
      <header className="header">
        <a className="brand" href="/" onClick={link("/")}>
          <span aria-hidden="true">▶</span> Glitch Studio
        </a>
        <nav aria-label="Main">
          <a href="/" onClick={link("/")} aria-current={page === "studio" ? "page" : undefined}>
            Studio
          </a>
          <a href="/credits" onClick={link("/credits")} aria-current={page === "credits" ? "page" : undefined}>
            Credits
          </a>
          <a href="/account" onClick={link("/account")} aria-current={page === "account" ? "page" : undefined}>
            Account
          </a>
        </nav>
        <div className="header-balance" data-testid="header-balance">
          <WalletBalance account="USD" />
        </div>
        <div className="account">
          <span data-testid="signed-in-as">{customer.name}</span>
          {session.customers
            .filter((other) => other.externalId !== customer.externalId)
            .map((other) => (
              // Switching account keeps the app (and the provider) mounted, as an organisation switcher does.
              <button
                key={other.externalId}
                type="button"
                className="secondary"
                onClick={() => void signIn(other.externalId)}
              >
                Switch to {other.name}
              </button>
            ))}
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">
        {page === "credits" ? (
          <CreditsPage session={session} />
        ) : page === "account" ? (
          <AccountPage />
        ) : (
          <StudioPage session={session} />
        )}
      </main>
    </>
  );
}
