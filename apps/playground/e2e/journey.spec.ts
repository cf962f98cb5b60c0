import {
  DEMO_CUSTOMER_ID,
  expect,
  headerAmount,
  headerBalance,
  payWithCard,
  SECOND_CUSTOMER_ID,
  signIn,
  test,
} from "./fixtures";

// The customer journey of the playground, in Chromium, against the suite's own emulator (reset before
// each test). Balances are checked twice: as the page shows them, and exactly as Credyt's books hold them.

test("sign in: the demo customer's balance shows in the header and on the credits page", async ({ page, emulator }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in to Glitch Studio" })).toBeVisible();
  await signIn(page, "Demo Customer");
  await expect(headerAmount(page)).toHaveText("$14.57");

  await page.getByRole("link", { name: "Credits" }).click();
  await expect(page).toHaveURL(/\/credits$/);
  const all = page.getByTestId("all-balances");
  await expect(all).toHaveAttribute("data-state", "ready");
  await expect(all.locator('[data-credyt="balance-amount"]')).toHaveText(["$14.57", "993,450,234 tokens"]);
  expect(await emulator.available(DEMO_CUSTOMER_ID, "USD")).toBe("14.566678");
});

test("top up $25 through the dialog, pay with 4242: pending, then exactly $25 more", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  await expect(headerAmount(page)).toHaveText("$14.57");
  const before = await (await page.request.get("/api/credyt/wallet")).json();

  await page.getByRole("button", { name: "Top up any amount…" }).click();
  const dialog = page.getByRole("dialog", { name: "Top up your balance" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "$25.00" }).click();
  await dialog.getByRole("button", { name: "Continue to payment" }).click();

  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);
  await expect(page.getByTestId("amount")).toHaveText("25.00 USD");
  const [topUp] = await emulator.topUps(DEMO_CUSTOMER_ID);
  expect(topUp?.status).toBe("initiated");

  // Real Credyt credits a paid top-up a moment after the customer is back; the emulator does it at
  // once. Model that lag: until the pending state has been seen, the wallet still answers the
  // balance from before the payment.
  let credited = false;
  await page.route("**/api/credyt/wallet", (route) => (credited ? route.continue() : route.fulfill({ json: before })));
  // The Credits page's live balance would deliver the credit through its stream; hold that back too: a
  // stream that ends without an event makes the browser reconnect a moment later, quietly.
  await page.route("**/api/credyt/wallet/stream", (route) =>
    credited
      ? route.continue()
      : route.fulfill({ status: 200, headers: { "Content-Type": "text/event-stream" }, body: "retry: 300\n\n" }),
  );

  await payWithCard(page, "4242 4242 4242 4242");
  // Credyt's page confirms the payment, then sends the customer back to the app by itself.
  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulator.url).origin);
  const notice = headerBalance(page).locator('[data-credyt="balance-notice"]');
  await expect(notice).toHaveAttribute("data-state", "pending");
  await expect(notice).toHaveText("Payment received, updating…");
  // The marker is read once and removed from the address bar.
  expect(new URL(page.url()).searchParams.has("credyt_return")).toBe(false);

  credited = true;
  await expect(headerAmount(page)).toHaveText("$39.57", { timeout: 15_000 });
  await expect(notice).toHaveCount(0);
  expect(await emulator.available(DEMO_CUSTOMER_ID, "USD")).toBe("39.566678");
  expect((await emulator.topUps(DEMO_CUSTOMER_ID)).map((t) => t.status)).toEqual(["completed"]);
});

test("a declined card comes back with the failure message and an unchanged balance", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  await page.getByRole("button", { name: "Top up any amount…" }).click();
  const dialog = page.getByRole("dialog", { name: "Top up your balance" });
  await dialog.getByRole("button", { name: "$25.00" }).click();
  await dialog.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);

  await payWithCard(page, "4000 0000 0000 0002");

  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulator.url).origin);
  const notice = headerBalance(page).locator('[data-credyt="balance-notice"]');
  await expect(notice).toHaveAttribute("data-state", "failed");
  await expect(notice).toHaveText("The payment did not go through. You were not charged.");
  await expect(headerAmount(page)).toHaveText("$14.57");
  expect(await emulator.available(DEMO_CUSTOMER_ID, "USD")).toBe("14.566678");
  expect((await emulator.topUps(DEMO_CUSTOMER_ID)).map((t) => t.status)).toEqual(["failed"]);
});

test("the billing portal opens with the same balances and comes back", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  await expect(page.getByTestId("all-balances").locator('[data-credyt="balance-amount"]')).toHaveText([
    "$14.57",
    "993,450,234 tokens",
  ]);

  await page.getByRole("button", { name: "Open billing portal" }).click();
  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);
  await expect(page.getByRole("heading", { name: "Billing for Demo Customer" })).toBeVisible();
  const balances = page.getByRole("table", { name: "Balances" });
  await expect(balances.locator('tr[data-account="default:USD"]')).toContainText("14.566678 USD");
  await expect(balances.locator('tr[data-account="default:TOK"]')).toContainText("993450234 TOK");

  await page.getByRole("link", { name: "Return to the app" }).click();
  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulator.url).origin);
  await expect(headerAmount(page)).toHaveText("$14.57");
  await expect(page.getByRole("heading", { name: "Credits" })).toBeVisible();
  // The return flow (a lazy chunk, loaded because the URL has the marker) takes the marker out of the URL.
  await expect.poll(() => new URL(page.url()).searchParams.has("credyt_return")).toBe(false);
});

test("a double click on a top-up button creates one top-up", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  // Hold the checkout request a moment, so the second click surely lands while the first is in flight.
  let posts = 0;
  await page.route("**/api/credyt/top-ups", async (route) => {
    posts++;
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });

  await page.getByRole("button", { name: "Top up $10.00" }).dblclick();
  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);
  await expect(page.getByTestId("amount")).toHaveText("10.00 USD");

  const topUps = await emulator.topUps(DEMO_CUSTOMER_ID);
  expect(topUps).toHaveLength(1);
  expect(posts).toBe(1);
});

test("generating videos spends credit until the low-balance state shows", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await expect(headerAmount(page)).toHaveText("$14.57");
  const generate = page.getByRole("button", { name: /^Generate video/ });
  await expect(generate).toHaveText("Generate video · $2.50");

  const expected = ["$12.07", "$9.57", "$7.07", "$4.57"];
  for (const amount of expected) {
    await generate.click();
    await expect(headerAmount(page)).toHaveText(amount);
    await expect(generate).toBeEnabled();
  }
  await expect(page.getByRole("list", { name: "Your videos" }).getByRole("listitem")).toHaveCount(4);
  await expect(headerAmount(page)).toHaveAttribute("data-state", "low");
  await expect(headerBalance(page).locator('[data-credyt="balance-badge"]')).toHaveText("Low balance");
  expect(await emulator.available(DEMO_CUSTOMER_ID, "USD")).toBe("4.566678");
});

test("a second customer sees only their own wallet", async ({ page, emulator }) => {
  await signIn(page, "Demo Customer");
  await expect(headerAmount(page)).toHaveText("$14.57");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Glitch Studio" })).toBeVisible();

  await signIn(page, "Second Customer");
  await expect(headerAmount(page)).toHaveText("$50.00");
  await page.getByRole("link", { name: "Credits" }).click();
  const amounts = page.getByTestId("all-balances").locator('[data-credyt="balance-amount"]');
  await expect(amounts.first()).toHaveText("$50.00");
  await expect(page.getByTestId("all-balances")).not.toContainText("14.57");
  await expect(page.getByTestId("all-balances")).not.toContainText("993,450,234");

  // The wallet API answers from the session alone; naming another customer is refused.
  const own = await (await page.request.get("/api/credyt/wallet")).json();
  expect(own.accounts.find((a: { asset: string }) => a.asset === "USD").available).toBe(50);
  const other = await page.request.get(`/api/credyt/wallet?customer_id=${DEMO_CUSTOMER_ID}`);
  expect(other.status()).toBe(422);
  expect(await emulator.available(SECOND_CUSTOMER_ID, "USD")).toBe("50");
});

test("the token top-up credits at the asset's own rate, which the browser cannot change", async ({
  page,
  emulator,
}) => {
  await signIn(page, "Demo Customer");
  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy 10M tokens for $10.00" }).click();
  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);
  await expect(page.getByTestId("amount")).toHaveText("10.00 USD");
  await expect(page.getByTestId("units")).toHaveText("10000000 TOK");

  await payWithCard(page, "4242 4242 4242 4242");
  await page.waitForURL((url) => url.pathname === "/credits" && url.origin !== new URL(emulator.url).origin);
  await expect(page.getByTestId("all-balances").locator('[data-credyt="balance-amount"]')).toHaveText([
    "$14.57",
    "1,003,450,234 tokens",
  ]);
  expect(await emulator.available(DEMO_CUSTOMER_ID, "TOK")).toBe("1003450234");
  expect(await emulator.available(DEMO_CUSTOMER_ID, "USD")).toBe("14.566678");

  // Another customer, the same asset rate: never sent by the browser.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Glitch Studio" })).toBeVisible();
  await signIn(page, "Second Customer");
  await page.goto("/credits");
  await page.getByRole("button", { name: "Buy 10M tokens for $10.00" }).click();
  await page.waitForURL((url) => url.origin === new URL(emulator.url).origin);
  await expect(page.getByTestId("units")).toHaveText("10000000 TOK");

  const forged = await page.request.post("/api/credyt/top-ups", {
    headers: { "idempotency-key": "forged-rate-0001" },
    data: { amount: 10, currency: "USD", asset: "TOK", exchange_rate: 1e12 },
  });
  expect(forged.status()).toBe(422);
});

test("a forged session cookie is not a sign-in", async ({ page, baseURL }) => {
  // The cookie is signed by the server: writing another customer's name into it gets nobody's wallet.
  await page.context().addCookies([{ name: "playground_session", value: "demo", url: baseURL ?? "" }]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in to Glitch Studio" })).toBeVisible();
  const wallet = await page.request.get("/api/credyt/wallet");
  expect(wallet.status()).toBe(401);
  expect((await wallet.json()).error.code).toBe("unauthorized");
});
