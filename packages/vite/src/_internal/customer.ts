/** What `GET /customers?external_id=` answers: a page (`items`, or `data`), or (as some Credyt docs show) one customer. */
type CustomerLookup = { items?: { id?: unknown }[]; data?: { id?: unknown }[] } | { id?: unknown };

const CUSTOMER_ID = /^cust_[0-9a-z]+$/;

/**
 * The Credyt customer id for a development customer given as an external id (`demo`) or, failing that,
 * as a Credyt id (`cust_…`). Throws an Error that says what was looked up and how to fix it.
 */
export async function lookUpCustomer(
  customer: string,
  api: { apiUrl: string; apiKey: string; fetch: typeof fetch },
): Promise<string> {
  const headers = { "X-CREDYT-API-KEY": api.apiKey, accept: "application/json" };
  const url = `${api.apiUrl}/customers?external_id=${encodeURIComponent(customer)}`;
  const response = await api.fetch(url, { headers });
  if (!response.ok) {
    throw new Error(
      `Looking up the Credyt customer "${customer}" failed: GET /customers?external_id= answered ${response.status}. ` +
        "Check CREDYT_API_KEY and CREDYT_API_URL.",
    );
  }
  const body = (await response.json()) as CustomerLookup;
  const list = "items" in body && Array.isArray(body.items) ? body.items : "data" in body ? body.data : undefined;
  const found = Array.isArray(list) ? list[0]?.id : "id" in body ? body.id : undefined;
  if (typeof found === "string" && CUSTOMER_ID.test(found)) return found;
  if (CUSTOMER_ID.test(customer)) {
    const byId = await api.fetch(`${api.apiUrl}/customers/${customer}`, { headers });
    if (byId.ok) return customer;
  }
  throw new Error(
    `No Credyt customer has external_id "${customer}". Create one (POST /customers with external_id "${customer}"), ` +
      'or pass an existing one: credyt({ customer: "<external id or cust_… id>" }).',
  );
}
