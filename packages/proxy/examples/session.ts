// Stands in for your own authentication in these examples: a `user` cookie naming the signed-in user.
export function getUser(cookie: string | null | undefined): { id: string; email: string } | null {
  const match = /(?:^|;\s*)user=([A-Za-z0-9_-]+)/.exec(cookie ?? "");
  return match?.[1] ? { id: match[1], email: `${match[1]}@example.com` } : null;
}
