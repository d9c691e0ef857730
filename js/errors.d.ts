import type {
  ClientRateLimitWebhook,
  ErrorMessageData,
  SourceAccount,
  SourceAccountBatchResult,
  SourceAccountV2,
  SourceAccountWebhook,
} from "./codat_bank_feeds_wasm.js";

/** What every error the client throws carries. Fields are `undefined` where there was no response. */
export interface ErrorDetails {
  /** What led to this error (the fetch failure, the hook's exception), if anything. */
  cause?: unknown;
  /** HTTP status of the response. */
  statusCode?: number;
  /** Response headers, lower-case names. */
  headers?: Record<string, string>;
  /** Raw response body text. */
  body?: string;
  /** The fetch `Response`. */
  rawResponse?: Response;
}

/** Base class of every error the client throws. */
export class CodatBankFeedsError extends Error {
  /** The client makes these; the constructor is public so that tests and wrappers can too. */
  constructor(message: string, details?: ErrorDetails);
  /** HTTP status of the response, when there was one. */
  readonly statusCode: number | undefined;
  /** Response headers (lower-case names), when there was a response. */
  readonly headers: Record<string, string> | undefined;
  /** Raw response body text, when there was a response: kept even when it does not decode. */
  readonly body: string | undefined;
  /** The `Response` itself (not enumerable, so `JSON.stringify(error)` stays readable). */
  readonly rawResponse: Response | undefined;
}

/** The API answered with its documented error body; `data` holds it. */
export class ErrorMessage extends CodatBankFeedsError {
  /** The decoded `ErrorMessage` body: `statusCode`, `service`, `error`, `correlationId`, `validation`, `canBeRetried`, `detailedErrorCode`. */
  readonly data: ErrorMessageData;
}

/** A 2xx response whose body does not match the operation's documented type. */
export class ResponseValidationError extends CodatBankFeedsError {
  /** Why the body did not decode, with the path of the offending field. */
  readonly reason: string;
  /** The raw body that did not decode. */
  readonly body: string;
}

/** The request got no complete response: refused, reset, DNS failure, body cut short. */
export class ConnectionError extends CodatBankFeedsError {}

/** The call's `timeoutMs` passed before it settled (attempts and waits between them included). */
export class RequestTimeoutError extends CodatBankFeedsError {}

/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export class RequestAbortedError extends CodatBankFeedsError {}

/** The request or an option was rejected before anything was sent. */
export class InvalidRequestError extends CodatBankFeedsError {
  /** The offending field, e.g. `companyId`, `requestBody.transactions[3].amount`, `serverURL`. */
  readonly field: string;
}

/** `sourceAccounts.createBatch` answered 409: `data` is the per-item array of results and errors. */
export class SourceAccountBatchConflictError extends CodatBankFeedsError {
  /** One entry per account sent, in order: its result or its error. */
  readonly data: SourceAccountBatchResult[];
}

/**
 * Whether a source account is version 2 (`SourceAccountV2`): it has `routingInfo` or
 * `accountInfo`, or a version-2 `accountType` (checking, savings, loan, creditCard, prepaidCard).
 */
export function isSourceAccountV2(account: SourceAccountV2 | SourceAccount): account is SourceAccountV2;

/** A `hooks` function threw or rejected; `cause` is what it threw. */
export class HookError extends CodatBankFeedsError {
  /** `beforeRequest`, `afterSuccess` or `afterError`. */
  readonly hook: "beforeRequest" | "afterSuccess" | "afterError";
}

/** A webhook failed verification; the message says why (never the secret). */
export class WebhookVerificationError extends CodatBankFeedsError {}

/** The events Codat's webhooks deliver. */
export type WebhookEvent = ClientRateLimitWebhook | SourceAccountWebhook;

/** Options of `verifyWebhook`. */
export interface VerifyWebhookOptions {
  /** How far `svix-timestamp` may be from now, in seconds (default 300): older deliveries are replays. */
  toleranceSeconds?: number;
  /** The current time in ms, for tests (default `Date.now()`). */
  now?: number;
}

/**
 * Verifies a webhook delivery and returns its event: checks the Svix signature (HMAC-SHA256
 * over `svix-id.svix-timestamp.body` with the base64 key after `whsec_`) with the runtime's
 * WebCrypto, in constant time, accepting any of several `v1,` signatures (secret rotation), and
 * rejects timestamps outside the tolerance window. Pass the raw body exactly as received.
 * Throws `WebhookVerificationError`.
 */
export function verifyWebhook(
  body: string | Uint8Array | ArrayBuffer,
  headers: Headers | Record<string, string | string[] | undefined>,
  secret: string,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent>;
