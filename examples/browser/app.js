// The page: a client with a short-lived company access token, fetched from the backend when
// the last one is about to expire (and once more after a 401). It lists the company's source
// accounts and pushes a transaction.
import { CodatBankFeeds, CodatBankFeedsError } from "codat-bank-feeds-wasm";

const params = new URLSearchParams(location.search);
const companyId = params.get("companyId");
const connectionId = params.get("connectionId");
const out = document.getElementById("out");
const show = (line) => (out.textContent += `${line}\n`);

let token;
let serverURL;
async function fetchToken() {
  const res = await fetch(`/api/token?companyId=${encodeURIComponent(companyId)}`);
  if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
  const body = await res.json();
  serverURL = body.serverURL;
  token = { value: body.accessToken, expires: Date.now() + body.expiresIn * 1000 - 60_000 };
}

async function authHeader() {
  if (!token || Date.now() > token.expires) await fetchToken();
  return `Bearer ${token.value}`;
}

async function main() {
  await fetchToken();
  const sdk = new CodatBankFeeds({ authHeader, serverURL, timeoutMs: 20_000 });
  const accounts = await sdk.sourceAccounts.list({ companyId, connectionId });
  show(`source accounts: ${accounts.map((a) => `${a.id} (${a.accountName}, ${a.status})`).join(", ")}`);
  const account = accounts[0];
  const pushed = await sdk.transactions.create({
    companyId,
    connectionId,
    accountId: account.id,
    requestBody: {
      accountId: account.id,
      transactions: [
        {
          id: `web-${Date.now()}`,
          date: new Date().toISOString().slice(0, 19),
          description: "Till takings",
          amount: 125.5,
          balance: 1125.5,
          transactionType: "Credit",
        },
      ],
    },
  });
  show(`pushed 1 transaction: ${pushed.status} (${pushed.pushOperationKey})`);
  return { accounts: accounts.map((a) => a.id), push: pushed.status };
}

main().then(
  (result) => (window.__result = { ok: true, ...result }),
  (err) => {
    show(`error: ${err instanceof CodatBankFeedsError ? `${err.name} ${err.statusCode ?? ""}` : ""} ${err.message}`);
    window.__result = { ok: false, error: String(err) };
  },
);
