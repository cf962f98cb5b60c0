import { credyt } from "./credyt";

// In a server component or loader: render the balance with no loading flash.
export async function loadWallet(userId: string) {
  const customerId = await credyt.api.customers.getOrCreate(userId); // the mapping identify uses
  return credyt.api.getWallet(customerId); // { accounts: [{ id: "default:USD", available: 14.566678, … }] }
}

// Then, in a Server Component: <CredytProvider initialWallet={await loadWallet(user.id)}>
