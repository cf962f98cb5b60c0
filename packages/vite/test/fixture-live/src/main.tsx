import { CredytProvider, WalletBalance } from "@credyt/react";
import { createRoot } from "react-dom/client";

// A `live` balance in a Vite app served with only the plugin: usage billed from /__credyt/ moves it.
createRoot(document.getElementById("root") as HTMLElement).render(
  <CredytProvider locale="en-US" live>
    <WalletBalance account="USD" />
  </CredytProvider>,
);
