// Fixed bodies for the benchmark, shaped as the spec's examples, and valid for both clients
// (no `referenceParentCompany: null`: the incumbent's schema refuses it).
export const COMPANY_ID = "0498e921-9b53-4396-a412-4f2f5983b0a2";
export const CONNECTION_ID = "2e9d2c44-f675-40ba-8049-353bfcb5e171";
export const ACCOUNT_ID = "13d946f0-c5d5-42bc-b092-97ece17923ab";

export const company = (i = 0) => ({
  id: i === 0 ? COMPANY_ID : `0498e921-9b53-4396-a412-${String(i).padStart(12, "0")}`,
  name: `Toft stores ${i}`,
  description: "Requested early access to the new financing scheme.",
  redirect: `https://link.codat.io/company/${COMPANY_ID}`,
  lastSync: "2022-01-01T12:00:00.000Z",
  created: "2022-01-01T12:00:00",
  createdByUserName: "Arthur Dent",
  products: ["bank-feeds"],
  tags: { region: "us", uid: "f21b6b0e-a2a4-4b0c-bb97-1bd5b1c3c0ad" },
  referenceSubsidiaryCompanies: [],
  dataConnections: [],
});

export const companies = {
  results: Array.from({ length: 100 }, (_, i) => company(i)),
  pageNumber: 1,
  pageSize: 100,
  totalResults: 100,
  _links: { self: { href: "/companies" }, current: { href: "/companies?page=1&pageSize=100" } },
};

export const transactions = {
  accountId: ACCOUNT_ID,
  transactions: Array.from({ length: 1000 }, (_, i) => ({
    id: `txn-${i}`,
    date: "2023-08-22T10:21:00",
    description: `Debit for Payment Id sdp-1-57379a43-c4b8-49f5-bd7c-${String(i).padStart(12, "0")}`,
    counterparty: "ACME INC",
    reference: `ref-${i}`,
    reconciled: false,
    amount: -(i + 0.99),
    balance: 10000 - i,
    transactionType: "Debit",
  })),
};

export const pushOperation = {
  companyId: COMPANY_ID,
  pushOperationKey: "b888f774-3e7c-4135-a18c-6b985523c4bc",
  dataConnectionKey: CONNECTION_ID,
  requestedOnUtc: "2023-08-22T10:21:00Z",
  timeoutInMinutes: null,
  timeoutInSeconds: null,
  status: "Pending",
  statusCode: 202,
  dataType: "bankTransactions",
  errorMessage: null,
  validation: { errors: [], warnings: [] },
  changes: null,
};
