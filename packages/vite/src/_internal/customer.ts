/** One customer as a look-up answers it. */
type Found = { id?: unknown; external_id?: unknown };
/** What `GET /customers?external_id=` answers: a page (`items`, or `data`), or (as some Credyt docs show) one customer. */
type CustomerLookup = { items?: Found[]; data?: Found[] } | Found;

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
  // Credyt documents neither shape: as a single object, "none" may well be a 404.
  if (!response.ok && response.status !== 404) {
    throw new Error(
      `Looking up the Credyt customer "${customer}" failed: GET /customers?external_id= answered ${response.status}. ` +
        "Check CREDYT_API_KEY and CREDYT_API_URL.",
    );
  }
  const body = (response.ok ? await response.json() : {}) as CustomerLookup;
  const list = "items" in body && Array.isArray(body.items) ? body.items : "data" in body ? body.data : undefined;
  // Only a customer whose external_id is the one asked for: a list that ignored the filter names others.
  const match = (c: Found | undefined) =>
    c && (c.external_id === undefined || c.external_id === customer) ? c.id : undefined;
  const found = Array.isArray(list)
    ? match(list.find((c) => c?.external_id === customer) ?? list[0])
    : match(body as Found);
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
