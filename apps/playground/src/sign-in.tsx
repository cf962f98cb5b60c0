import { type ReactNode, useState } from "react";
import { type DemoCustomer, signIn } from "./session";

/** The demo sign-in: pick a customer. The server keeps the choice in a signed session cookie. */
export function SignIn(props: { customers: DemoCustomer[] }): ReactNode {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <main className="centered">
      <section className="card sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Glitch Studio</h1>
        <p>This is a demo: pick a customer. Each one has their own Credyt wallet.</p>
        <ul>
          {props.customers.map((customer) => (
            <li key={customer.externalId}>
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  setError(undefined);
                  signIn(customer.externalId).catch((e: Error) => {
                    setBusy(false);
                    setError(e.message);
                  });
                }}
              >
                Sign in as {customer.name}
                <small>external id “{customer.externalId}”</small>
              </button>
            </li>
          ))}
        </ul>
        {error && <p role="alert">{error}</p>}
      </section>
    </main>
  );
}
