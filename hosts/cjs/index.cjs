// CommonJS: require() of the ESM-only package (require(esm): Node 20.19+ and 22.12+ unflagged).
const api = process.argv[2];
const { CodatBankFeeds, ErrorMessage } = require("codat-bank-feeds-wasm");
const { companiesGet } = require("codat-bank-feeds-wasm/funcs/companiesGet.js");
const { Decimal } = require("codat-bank-feeds-wasm/sdk/types");

async function main() {
  const sdk = new CodatBankFeeds({ authHeader: "Basic eA==", serverURL: api });
  const got = await sdk.companies.get({ companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
  const made = await sdk.companies.create({ name: "X" });
  const fn = await companiesGet(sdk, { companyId: "8a210b68-6988-11ed-a1eb-0242ac120002" });
  console.log(
    JSON.stringify({
      node: process.version,
      requireModule: process.features.require_module ?? null,
      get: { id: got.id, name: got.name, redirect: got.redirect, created: got.created },
      post: { id: made.id, name: made.name, redirect: made.redirect, created: made.created },
      standaloneOk: fn.ok && fn.value.name === got.name,
      errorClass: typeof ErrorMessage,
      decimal: String(new Decimal("1.10")),
    }),
  );
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
