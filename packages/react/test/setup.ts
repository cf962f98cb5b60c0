import { cleanup, configure } from "@testing-library/react";
import { afterEach, expect } from "vitest";
import * as matchers from "vitest-axe/matchers";

expect.extend(matchers);
// The machine is shared: the first open of the lazy dialog transforms Radix on demand, which can
// take over the default second under load. Waits still end as soon as the element appears.
configure({ asyncUtilTimeout: 5000 });
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  history.replaceState(null, "", "/");
});
