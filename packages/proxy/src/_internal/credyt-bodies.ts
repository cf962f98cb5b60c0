// The request bodies Credyt takes, as `createCredytApi` sends them; the proxy's handlers build the same.

/** `POST /top-ups` body, as Credyt takes it. */
export interface CredytTopUpBody {
  /** The Credyt customer to credit (`cust_…`). */
  customer_id: string;
  /** Fiat charged, in major units. */
  amount: number;
  /** ISO 4217 code of the amount, e.g. `USD`. */
  currency: string;
  /** Shown to the customer at checkout. */
  description?: string;
  /** The account credited and, for a custom asset, the exchange rate; defaults to `default` in `currency`. */
  destination?: { account_name?: string; asset?: string; exchange_rate?: number };
  /** Where the customer lands after paying. */
  return_url: string;
  /** Where the customer lands when the payment fails. */
  failure_url: string;
  /** When the credit expires (ISO 8601), if it should. */
  credit_expires_at?: string;
  /** Your own key-value notes, kept with the top-up. */
  metadata?: Record<string, string>;
}

/** `POST /billing-portal/sessions` body, as Credyt takes it. */
export interface CredytPortalSessionBody {
  /** The Credyt customer whose portal to open (`cust_…`). */
  customer_id: string;
  /** Where the customer lands when leaving the portal. */
  return_url: string;
  /** Where the customer lands when the portal cannot be shown (e.g. an expired link). */
  failure_url: string;
}
