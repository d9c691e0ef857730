// The fake API's routes for company information and one-time passwords: [operation, method, path pattern, handler].
import { iso } from "../clock.mjs";
import { randomCode } from "../ids.mjs";
import { getConnection } from "../state.mjs";

/** @param {import("../handler.mjs").Context} ctx */
export function companyInformationRoutes(ctx) {
  const { clock, state } = ctx;
  return [
    [
      "companyInformation.get",
      "GET",
      "/companies/:companyId/connections/:connectionId/bankFeeds/info",
      ({ params }) => {
        const { company, connection } = getConnection(state, params);
        const currencies = [...new Set(["GBP", ...[...connection.bankAccounts.values()].map((b) => b.currency)])];
        return {
          status: 200,
          json: { companyName: company.data.name, baseCurrency: "GBP", planType: "Premium", multicurrencyEnabled: currencies.length > 1, currencies },
        };
      },
    ],
    [
      "sourceAccounts.generateOtp",
      "POST",
      "/companies/:companyId/connections/:connectionId/bankFeeds/otp",
      ({ params }) => {
        const { connection } = getConnection(state, params);
        const otp = { otp: randomCode(6), expiry: iso(clock.now() + 10 * 60 * 1000) };
        connection.otps.push(otp);
        return { status: 200, json: { ...otp } };
      },
    ],
  ];
}
