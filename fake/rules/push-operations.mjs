// Codat's push operations: a push answers at once with an operation that reads `Pending` (202)
// and becomes final later, `Success` (200, `completedOnUtc` and one change per record created)
// or `Failed` (400, an error message and the validation errors).
import { iso } from "../clock.mjs";
import { uuid } from "../ids.mjs";

/** A new operation, `Pending`. `completesAt` is when it is due to become final. */
export function pendingOperation({
  pushOperationKey = uuid(),
  companyId,
  dataConnectionKey,
  dataType,
  data,
  requestedAt,
  completesAt,
  timeoutInMinutes = null,
  accountId,
}) {
  return {
    pushOperationKey,
    companyId,
    dataConnectionKey,
    dataType,
    requestedOnUtc: iso(requestedAt),
    completedOnUtc: null,
    completesAt,
    timeoutInMinutes,
    status: "Pending",
    statusCode: 202,
    errorMessage: null,
    changes: null,
    data,
    accountId,
  };
}

/** Whether `op` is due to become final at `now`. */
export const isDue = (op, now) => op.status === "Pending" && now >= op.completesAt;

/** Final: `Success`, with the records it created (`[{ id, dataType }]`). */
export function succeed(op, records) {
  op.status = "Success";
  op.statusCode = 200;
  op.completedOnUtc = iso(op.completesAt);
  op.changes = records.map((recordRef) => ({ type: "Created", recordRef, attachmentId: null }));
}

/** Final: `Failed`, with its validation errors. */
export function fail(op, errorMessage, validationErrors) {
  op.status = "Failed";
  op.statusCode = 400;
  op.completedOnUtc = iso(op.completesAt);
  op.errorMessage = errorMessage;
  op.validationErrors = validationErrors;
}

/** The spec's `PushOperation` body of `op`. */
export function operationView(op) {
  const view = {
    changes: op.changes ? structuredClone(op.changes) : null,
    dataType: op.dataType,
    companyId: op.companyId,
    pushOperationKey: op.pushOperationKey,
    dataConnectionKey: op.dataConnectionKey,
    requestedOnUtc: op.requestedOnUtc,
  };
  if (op.completedOnUtc) view.completedOnUtc = op.completedOnUtc;
  Object.assign(view, {
    timeoutInMinutes: op.timeoutInMinutes,
    status: op.status,
    errorMessage: op.errorMessage,
    validation: { errors: structuredClone(op.validationErrors ?? []), warnings: [] },
    statusCode: op.statusCode,
    data: structuredClone(op.data),
  });
  return view;
}
