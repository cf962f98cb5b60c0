// Stands in for your own authentication in these examples: a `user` cookie naming the Credyt customer.
export function getSession(cookie: string | null | undefined): { credytCustomerId: string } | null {
  const match = /(?:^|;\s*)user=(cust_[a-z0-9]+)/.exec(cookie ?? "");
  return match?.[1] ? { credytCustomerId: match[1] } : null;
}
