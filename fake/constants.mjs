// The fake API's constants: the accepted key, the body limit, and the spec's enumerations.

export const DEFAULT_API_KEY = "Basic ZGVtby1rZXk="; // base64("demo-key")
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const SERVICE = "PublicApi";

export const V2_ACCOUNT_TYPES = ["checking", "savings", "loan", "creditCard", "prepaidCard"];
export const SOURCE_ACCOUNT_STATUSES = ["pending", "connected", "connecting", "disconnected", "unknown"];
export const ROUTING_TYPES = ["rtn", "aba", "swift", "bsb", "iban", "nz2", "trno", "sortcode", "blz", "ifsc", "bankcode", "apca", "clabe"];
export const CONNECTION_STATUSES = ["PendingAuth", "Linked", "Unlinked", "Deauthorized"];
export const BANK_ACCOUNT_TYPES = ["Unknown", "Credit", "Debit"];
export const BANK_ACCOUNT_STATUSES = ["Unknown", "Active", "Archived", "Pending"];
export const TRANSACTION_TYPES = [
  "Unknown",
  "Credit",
  "Debit",
  "Int",
  "Div",
  "Fee",
  "SerChg",
  "Dep",
  "Atm",
  "Pos",
  "Xfer",
  "Check",
  "Payment",
  "Cash",
  "DirectDep",
  "DirectDebit",
  "RepeatPmt",
  "Other",
];
export const COMPANY_NAME_PATTERN = /^[A-Za-z0-9\s\-',&@.,?!\s]+$/;
export const PLATFORM_NAMES = {
  gbol: "Xero",
  qhyg: "QuickBooks Online",
  hcws: "QuickBooks Online Bank Feeds",
  mqjo: "Sandbox",
};
