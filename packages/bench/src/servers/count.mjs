// Sends exactly N sequential-ish requests (for the heap growth check) and exits.
import autocannon from "autocannon";

const [url, amount] = process.argv.slice(2);
const result = await autocannon({ url, connections: 10, amount: Number(amount) });
process.stdout.write(`${JSON.stringify({ total: result.requests.total, errors: result.errors + result.non2xx })}\n`);
