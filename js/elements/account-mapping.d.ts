import type { CodatBankFeeds } from "codat-bank-feeds-wasm";

/** Every text `<codat-account-mapping>` shows (the English default after each); `{name}` marks a value put in when shown. */
export interface AccountMappingMessages {
  /** Default: "Bank feeds" */
  title: string;
  /** Default: "Choose where each account's transactions go in your accounting software." */
  intro: string;
  /** Default: "Loading your accounts…" */
  loading: string;
  /** Default: "There are no accounts to map yet." */
  empty: string;
  /** The label before an account's status. Default: "Status" */
  status: string;
  /** Default: "Not mapped yet" */
  statusPending: string;
  /** Default: "Connecting" */
  statusConnecting: string;
  /** Default: "Connected" */
  statusConnected: string;
  /** Default: "Disconnected" */
  statusDisconnected: string;
  /** Default: "Unknown" */
  statusUnknown: string;
  /** `{target}`: the account it feeds now. Default: "Feeds into {target}" */
  currentTarget: string;
  /** Default: "Account in your accounting software" */
  target: string;
  /** Default: "Choose an account" */
  chooseTarget: string;
  /** Default: "Create a new account" */
  newAccount: string;
  /** Default: "Feed start date (optional)" */
  startDate: string;
  /** `{max}`: the latest feed start date allowed. Default: "Transactions dated from this day on are sent. On or before {max}." */
  startDateHint: string;
  /** With `min-start-date`: `{min}`, `{max}`. Default: "Transactions dated from this day on are sent. From {min} to {max}." */
  startDateRangeHint: string;
  /** Default: "Save mapping" */
  save: string;
  /** Announced to screen readers; `{account}`: the source account. Default: "Saving the mapping of {account}…" */
  saving: string;
  /** After a `Success`: `{account}`, `{target}`. Default: "Mapped: {account} now feeds into {target}." */
  saved: string;
  /** The `{target}` of `saved` for a new account. Default: "a new account" */
  aNewAccount: string;
  /** A `Failed` mapping: `{reason}` is the API's `error`. Default: "Not mapped: {reason}" */
  failed: string;
  /** A `Failed` mapping with no `error`. Default: "Not mapped: the accounting software refused it." */
  failedNoReason: string;
  /** Default: "Choose an account in your accounting software first." */
  chooseFirst: string;
  /** `{min}`, `{max}`. Default: "Choose a feed start date from {min} to {max}." */
  dateOutOfRange: string;
  /** `{max}`. Default: "Choose a feed start date on or before {max}." */
  dateTooLate: string;
  /** Default: "Another account is being saved: wait until it is done." */
  busy: string;
  /** Default: "Try again" */
  retry: string;
  /** Default: "This screen needs a company, a connection and a way to sign in." */
  errorSetup: string;
  /** The token could not be had or renewed: the auth function threw, or the API answered 401 after a renewal. Default: "Your session could not be renewed. Sign in again, then try again." */
  errorAuth: string;
  /** 403: the token is not for this company. Default: "You don't have access to this company's bank feeds." */
  errorForbidden: string;
  /** 429: `{wait}` in words ("2 minutes"). Default: "Too many requests were made. Try again in {wait}." */
  errorRateLimit: string;
  /** 429 with no `Retry-After`. Default: "Too many requests were made. Try again in a moment." */
  errorRateLimitNoWait: string;
  /** No answer: offline, or refused by the browser (a CORS refusal looks the same from a page). Default: "Codat could not be reached. Check your internet connection; if it keeps happening, this site may not be allowed to connect to Codat (its CORS settings)." */
  errorNetwork: string;
  /** Default: "Codat took too long to answer. Try again." */
  errorTimeout: string;
  /** `{code}`: the HTTP status, or the error's class name. Default: "Something went wrong ({code}). Try again." */
  errorOther: string;
}

/** The English texts. */
export declare const defaultMessages: AccountMappingMessages;

/** What went wrong, in the `error` event: `mappingFailed` is a `Failed` mapping, the rest failed calls. */
export type AccountMappingFailureKind = "auth" | "forbidden" | "rateLimit" | "network" | "timeout" | "other" | "mappingFailed";

/** `mapped`: a mapping was saved with status `Success`. */
export interface AccountMappedDetail {
  /** The source account mapped. */
  sourceAccountId: string;
  /** The target account (the new one, when `newAccount`), as the API answered. */
  targetAccountId?: string;
  /** Whether the user asked for a new account in the accounting software. */
  newAccount: boolean;
  /** The date sent (`YYYY-MM-DD`), if one was chosen. */
  feedStartDate?: string;
}

/** `statuschange`: a source account's status differs from the last time the list was read. */
export interface AccountStatusChangeDetail {
  /** The source account. */
  sourceAccountId: string;
  /** Its status now (`pending`, `connecting`, `connected`, `disconnected`, `unknown`). */
  status: string;
  /** Its status when the list was read before. */
  previousStatus: string;
}

/** `error`: what the user was told (`message`, the text shown), and why. */
export interface AccountMappingErrorDetail {
  /** Why. */
  kind: AccountMappingFailureKind;
  /** The text shown (from `messages`): never the token nor the API's own words but a `Failed` mapping's reason. */
  message: string;
  /** The account being saved, when the failure came from a save. */
  sourceAccountId?: string;
  /** For `rateLimit`: the wait the API asked for, in ms, when it said. */
  retryAfterMs?: number;
  /** The client's error (never shown to the user), for your logs. */
  error?: unknown;
}

/** The element's own events, by name. */
export interface AccountMappingEventMap {
  /** A mapping saved with status `Success`. */
  mapped: CustomEvent<AccountMappedDetail>;
  /** An account's status changed between two reads of the list. */
  statuschange: CustomEvent<AccountStatusChangeDetail>;
  /** A call failed, or a mapping came back `Failed`: the element shows it and moves focus to it. */
  error: CustomEvent<AccountMappingErrorDetail>;
}

/**
 * `<codat-account-mapping company-id="…" connection-id="…">`: the company's source accounts,
 * each mapped to an account in its accounting software (one of the options `accountMapping.get`
 * gives, or a new account) with a feed start date, saved one at a time with
 * `accountMapping.create`. Attributes: `company-id`, `connection-id`, `server-url` (for a
 * client it makes), `min-start-date` and `max-start-date` (ISO dates; the latest defaults to
 * today). Give it `client` or `authHeader`. Events (bubbling, composed): `mapped`,
 * `statuschange`, `error`. Themed with `--codat-*` custom properties and `::part()`.
 */
export declare class CodatAccountMapping extends HTMLElement {
  /**
   * The client to call the API with. Without one, the element makes its own from `authHeader`
   * (no `Idempotency-Key`, which Codat's CORS may refuse; retries bounded to seconds).
   */
  client: CodatBankFeeds | undefined;
  /**
   * For a client the element makes: `"Bearer <company access token>"`, or a function returning
   * it (called before calls and again after a 401, with whatever arguments the client passes).
   */
  authHeader: string | ((...args: never[]) => string | Promise<string>) | undefined;
  /** The texts: set some or all; the others stay `defaultMessages`'. */
  get messages(): AccountMappingMessages;
  set messages(value: Partial<AccountMappingMessages>);
  /** Reads the mappings again; resolves once they (or the failure) are shown. */
  refresh(): Promise<void>;
  /** `mapped`, `statuschange` and `error` with their `detail` typed; any other event as on any element. */
  addEventListener<K extends keyof AccountMappingEventMap>(
    type: K,
    listener: (this: CodatAccountMapping, ev: AccountMappingEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: CodatAccountMapping, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** Any other event. */
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** The counterpart of `addEventListener`. */
  removeEventListener<K extends keyof AccountMappingEventMap>(
    type: K,
    listener: (this: CodatAccountMapping, ev: AccountMappingEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: CodatAccountMapping, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  /** Any other event. */
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "codat-account-mapping": CodatAccountMapping;
  }
}
