// The `PushOption` models: what the accounting software accepts in a push.
import { TRANSACTION_TYPES } from "./constants.mjs";

const prop = (type, displayName, description, required, extra = {}) => ({ type, displayName, description, required, ...extra });
const choices = (values) => values.map((v) => ({ value: v, type: "String", displayName: v, required: false }));

export const bankAccountOptions = () => ({
  type: "Object",
  displayName: "Bank Account",
  description: "Bank account",
  required: true,
  properties: {
    accountName: prop("String", "Name", "Name of the bank account in the accounting software.", true),
    accountType: prop("String", "Account Type", "The type of the bank account.", false, { options: choices(["Credit", "Debit"]) }),
    accountNumber: prop("String", "Account Number", "The account number.", false),
    sortCode: prop("String", "Sort Code", "The sort code.", false, {
      validation: { warnings: [], information: [{ field: "SortCode", details: "Must be 6 digits if provided." }] },
    }),
    currency: prop("String", "Currency", "ISO 4217 currency code of the account.", true),
    nominalCode: prop("String", "Nominal Code", "Code used to identify the account in the chart of accounts.", false),
    balance: prop("Number", "Balance", "Opening balance of the account.", false),
  },
  validation: { warnings: [], information: [] },
});

export const bankTransactionOptions = () => ({
  type: "Object",
  displayName: "Bank Transactions",
  description: "Bank transactions to push to the target account",
  required: true,
  properties: {
    accountId: prop("String", "Account ID", "Unique identifier of the bank account the transactions belong to.", true),
    transactions: prop("Array", "Transactions", "The transactions to create, at most 1000 per request.", true, {
      properties: {
        id: prop("String", "ID", "Identifier of the transaction in your application.", true),
        date: prop("DateTime", "Date", "Date and time of the transaction.", true),
        counterparty: prop("String", "Counterparty", "The other party of the transaction.", false),
        reference: prop("String", "Reference", "Reference of the transaction.", false),
        reconciled: prop("Boolean", "Reconciled", "Whether the transaction has been reconciled.", false),
        amount: prop("Number", "Amount", "Amount of the transaction; negative for money going out.", true),
        balance: prop("Number", "Balance", "Balance of the account after the transaction.", true),
        transactionType: prop("String", "Transaction Type", "Type of the transaction.", false, { options: choices(TRANSACTION_TYPES) }),
      },
      validation: {
        warnings: [],
        information: [{ field: "Transactions", details: "Transactions must be in date order and not older than the feed start date." }],
      },
    }),
  },
  validation: { warnings: [], information: [] },
});
