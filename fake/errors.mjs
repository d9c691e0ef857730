// The API's errors: an ApiError thrown by a handler becomes an `ErrorMessage` body.
import { SERVICE } from "./constants.mjs";
import { randomHex } from "./ids.mjs";

export class ApiError extends Error {
  constructor(status, message, validation) {
    super(message);
    this.status = status;
    this.validation = validation;
  }
}

export const badRequest = (message, validation) => new ApiError(400, message, validation);
export const notFound = (message) => new ApiError(404, message);

/** The spec's `ErrorMessage`, with a fresh correlation id. */
export function errorBody(statusCode, error, validation) {
  const body = { statusCode, service: SERVICE, error, correlationId: randomHex(16) };
  if (validation) body.validation = validation;
  body.canBeRetried = "Unknown";
  body.detailedErrorCode = 0;
  return body;
}

/** A reply (`{ status, json, headers }`, what handlers answer) carrying an `ErrorMessage`. */
export const errorReply = (status, message, headers) => ({ status, json: errorBody(status, message), headers });
