// Every text <codat-account-mapping> shows, replaceable one by one through its `messages`
// property (an i18n object). `{name}` marks a value put in when the text is shown.

/** The element's texts in English. */
export const defaultMessages = {
  title: "Bank feeds",
  intro: "Choose where each account's transactions go in your accounting software.",
  loading: "Loading your accounts…",
  empty: "There are no accounts to map yet.",
  status: "Status",
  statusPending: "Not mapped yet",
  statusConnecting: "Connecting",
  statusConnected: "Connected",
  statusDisconnected: "Disconnected",
  statusUnknown: "Unknown",
  currentTarget: "Feeds into {target}",
  target: "Account in your accounting software",
  chooseTarget: "Choose an account",
  newAccount: "Create a new account",
  startDate: "Feed start date (optional)",
  startDateHint: "Transactions dated from this day on are sent. On or before {max}.",
  startDateRangeHint: "Transactions dated from this day on are sent. From {min} to {max}.",
  save: "Save mapping",
  saving: "Saving the mapping of {account}…",
  saved: "Mapped: {account} now feeds into {target}.",
  aNewAccount: "a new account",
  failed: "Not mapped: {reason}",
  failedNoReason: "Not mapped: the accounting software refused it.",
  chooseFirst: "Choose an account in your accounting software first.",
  dateOutOfRange: "Choose a feed start date from {min} to {max}.",
  dateTooLate: "Choose a feed start date on or before {max}.",
  busy: "Another account is being saved: wait until it is done.",
  retry: "Try again",
  errorSetup: "This screen needs a company, a connection and a way to sign in.",
  errorAuth: "Your session could not be renewed. Sign in again, then try again.",
  errorForbidden: "You don't have access to this company's bank feeds.",
  errorRateLimit: "Too many requests were made. Try again in {wait}.",
  errorRateLimitNoWait: "Too many requests were made. Try again in a moment.",
  errorNetwork:
    "Codat could not be reached. Check your internet connection; if it keeps happening, this site may not be allowed to connect to Codat (its CORS settings).",
  errorTimeout: "Codat took too long to answer. Try again.",
  errorOther: "Something went wrong ({code}). Try again.",
};

/** `text` with each `{name}` replaced by `values[name]`. */
export const fill = (text, values = {}) => text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
