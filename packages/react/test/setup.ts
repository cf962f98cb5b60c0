import { cleanup, configure } from "@testing-library/react";
import { unload } from "swr";
import { afterEach, expect } from "vitest";
import * as matchers from "vitest-axe/matchers";

expect.extend(matchers);
// The machine is shared: the first open of the lazy dialog transforms Radix on demand, which can
// take over the default second under load. Waits still end as soon as the element appears.
configure({ asyncUtilTimeout: 5000 });
afterEach(() => {
  cleanup();
  // Tests that render `CredytProvider` use SWR's global cache (the default `cache="shared"`):
  // empty it, in-flight requests included, so no test sees another's data.
  unload({ revalidate: false });
  sessionStorage.clear();
  history.replaceState(null, "", "/");
});
