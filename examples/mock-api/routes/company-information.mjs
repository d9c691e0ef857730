// The fake API's routes for company information and one-time passwords: [method, path pattern, handler].
import { iso, randomCode } from "../lib.mjs";

/** @param {object} ctx the server's state, views and lookups (server.mjs) */
export function companyInformationRoutes(ctx) {
  const { getConnection } = ctx;
  return [
    [
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeeds/info",
      ({ params }) => {
        const { company, connection } = getConnection(params);
        const currencies = [...new Set(["GBP", ...[...connection.bankAccounts.values()].map((b) => b.currency)])];
        return {
          status: 200,
          json: { companyName: company.data.name, baseCurrency: "GBP", planType: "Premium", multicurrencyEnabled: currencies.length > 1, currencies },
        };
      },
    ],
    [
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeeds/otp",
      ({ params }) => {
        const { connection } = getConnection(params);
        const otp = { otp: randomCode(6), expiry: iso(Date.now() + 10 * 60 * 1000) };
        connection.otps.push(otp);
        return { status: 200, json: { ...otp } };
      },
    ],
  ];
}
