import { createCredytApi } from "@credyt/proxy";

const credyt = createCredytApi({ apiKey: process.env.CREDYT_API_KEY ?? "", apiUrl: process.env.CREDYT_API_URL });

// In a server component or loader: render the balance with no loading flash.
export async function loadWallet(customerId: string) {
  return credyt.getWallet(customerId); // { accounts: [{ id: "default:USD", available: 14.566678, pendingIn: 0, … }] }
}

// Then, in a Server Component: <CredytProvider fallback={{ wallet: await loadWallet(customerId) }}>
