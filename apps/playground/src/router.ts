import { type MouseEvent, useEffect, useState } from "react";

export type Page = "studio" | "credits" | "account";

function pageOf(pathname: string): Page {
  if (pathname.startsWith("/credits")) return "credits";
  return pathname.startsWith("/account") ? "account" : "studio";
}

/** A small router over the History API: `/` is the studio, `/credits` the credits page, `/account` the account panel. */
export function usePage(): [Page, (href: string) => (event: MouseEvent) => void] {
  const [page, setPage] = useState<Page>(() => pageOf(location.pathname));
  useEffect(() => {
    const onPop = () => setPage(pageOf(location.pathname));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  const link = (href: string) => (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.pushState(null, "", href);
    setPage(pageOf(href));
  };
  return [page, link];
}
