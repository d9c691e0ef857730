// @ts-check
// Response bodies shaped as the spec's examples.
export const company = {
  id: "0498e921-9b53-4396-a412-4f2f5983b0a2",
  name: "Toft stores",
  description: "Requested early access to the new financing scheme.",
  redirect: "https://link.codat.io/company/0498e921-9b53-4396-a412-4f2f5983b0a2",
  lastSync: "2022-01-01T12:00:00.000Z",
  created: "2022-01-01T12:00:00",
  createdByUserName: "Arthur Dent",
  tags: { region: "us", uid: "f21b6b0e-a2a4-4b0c-bb97-1bd5b1c3c0ad" },
  products: ["spend-insights"],
  referenceParentCompany: null,
  referenceSubsidiaryCompanies: [],
  dataConnections: [],
};

export const companies = {
  results: [company],
  pageNumber: 1,
  pageSize: 100,
  totalResults: 1,
  _links: {
    self: { href: "/companies" },
    current: { href: "/companies?page=1&pageSize=100" },
  },
};

export const accessToken = { expiresIn: 86400, accessToken: "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ.e30.sig", tokenType: "Bearer" };

export const notFound = {
  statusCode: 404,
  service: "PublicApi",
  error: "Company not found",
  correlationId: "7eb40d6b415d7bcb0d10a5b8e4d3c2a1",
  validation: null,
  canBeRetried: "Unknown",
  detailedErrorCode: 0,
};

export const unavailable = {
  statusCode: 503,
  service: "PublicApi",
  error: "The service is temporarily unavailable.",
  correlationId: "bc997528a9d7abb9161ef45f05d38599",
  canBeRetried: "Unknown",
  detailedErrorCode: 0,
};
