import type { CodatBankFeeds } from "codat-bank-feeds-wasm";

/** Every text `<codat-account-mapping>` shows; `{name}` marks a value put in when shown. */
export interface AccountMappingMessages {
  title: string;
  intro: string;
  loading: string;
  empty: string;
  /** The label before an account's status. */
  status: string;
  statusPending: string;
  statusConnecting: string;
  statusConnected: string;
  statusDisconnected: string;
  statusUnknown: string;
  /** `{target}`: the target account an account feeds now. */
  currentTarget: string;
  target: string;
  chooseTarget: string;
  newAccount: string;
  startDate: string;
  /** `{max}`: the latest feed start date allowed. */
  startDateHint: string;
  /** `{min}`, `{max}`: when `min-start-date` is set. */
  startDateRangeHint: string;
  save: string;
  /** `{account}`: the source account being saved (announced to screen readers). */
  saving: string;
  /** `{account}`, `{target}`: after a `Success`. */
  saved: string;
  /** `{target}` of `saved` when the mapping made a new account. */
  aNewAccount: string;
  /** `{reason}`: the API's `error` for a `Failed` mapping. */
  failed: string;
  failedNoReason: string;
  chooseFirst: string;
  /** `{min}`, `{max}` */
  dateOutOfRange: string;
  /** `{max}` */
  dateTooLate: string;
  busy: string;
  retry: string;
  /** The token could not be had or renewed (the auth function threw, or the API answered 401 after a renewal). */
  errorAuth: string;
  /** 403: the token is not for this company. */
  errorForbidden: string;
  /** 429 with a wait: `{wait}` in words ("2 minutes"). */
  errorRateLimit: string;
  errorRateLimitNoWait: string;
  /** No answer: offline, or refused by the browser (a CORS refusal looks the same from a page). */
  errorNetwork: string;
  errorTimeout: string;
  /** `{code}`: the HTTP status, or the error's class name. */
  errorOther: string;
}

/** The English texts. */
export declare const defaultMessages: AccountMappingMessages;

/** What went wrong, in the `error` event: `mappingFailed` is a `Failed` mapping, the rest failed calls. */
export type AccountMappingFailureKind = "auth" | "forbidden" | "rateLimit" | "network" | "timeout" | "other" | "mappingFailed";

/** `mapped`: a mapping was saved with status `Success`. */
export interface AccountMappedDetail {
  sourceAccountId: string;
  /** The target account (the new one, when `newAccount`), as the API answered. */
  targetAccountId?: string;
  newAccount: boolean;
  /** The date sent (`YYYY-MM-DD`), if one was chosen. */
  feedStartDate?: string;
}

/** `statuschange`: a source account's status differs from the last time the list was read. */
export interface AccountStatusChangeDetail {
  sourceAccountId: string;
  status: string;
  previousStatus: string;
}

/** `error`: what the user was told (`message`, the text shown), and why. */
export interface AccountMappingErrorDetail {
  kind: AccountMappingFailureKind;
  message: string;
  /** The account being saved, when the failure came from a save. */
  sourceAccountId?: string;
  /** For `rateLimit`: the wait the API asked for, in ms, when it said. */
  retryAfterMs?: number;
  /** The client's error (never shown to the user), for your logs. */
  error?: unknown;
}

export interface AccountMappingEventMap extends HTMLElementEventMap {
  mapped: CustomEvent<AccountMappedDetail>;
  statuschange: CustomEvent<AccountStatusChangeDetail>;
  error: CustomEvent<AccountMappingErrorDetail> & ErrorEvent;
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
  authHeader: string | ((...args: any[]) => string | Promise<string>) | undefined;
  /** The texts: set some or all; the others stay `defaultMessages`'. */
  get messages(): AccountMappingMessages;
  set messages(value: Partial<AccountMappingMessages>);
  /** Reads the mappings again; resolves once they (or the failure) are shown. */
  refresh(): Promise<void>;
  addEventListener<K extends keyof AccountMappingEventMap>(
    type: K,
    listener: (this: CodatAccountMapping, ev: AccountMappingEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AccountMappingEventMap>(
    type: K,
    listener: (this: CodatAccountMapping, ev: AccountMappingEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "codat-account-mapping": CodatAccountMapping;
  }
}
