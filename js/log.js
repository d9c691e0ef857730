// Bodies as the verbose debug log shows them: credentials masked by field name.

import { bodyText, requestHeaders } from "./fetch.js";

/**
 * The fields whose values are never logged, by name (case-insensitive, anywhere in the name):
 * the spec's credentials (`BankAccountCredentials`' `username` and `password`,
 * `CompanyAccessToken`'s `accessToken`) and anything named like a password, secret, token,
 * API key, private key, authorization or credential. `debugLevel`'s doc (src/options.rs) lists them too.
 */
const SECRET = /passw|passphrase|secret|token|api_?key|private_?key|authori[sz]ation|credential|username/i;
// A JSON string, and the `:` after it when it is a key. Matched from one string to the next,
// so a string's contents are never read as keys.
const STRING = /"(?:[^"\\]|\\.)*"?(\s*:)?/g;
const STRING_AT = /"(?:[^"\\]|\\.)*"?/y;

/** An attempt's request headers as `fetchOnce` sends them, `Authorization` redacted (its value never reaches this module): `name: value, ...`. */
export function loggedHeaders(hasBody, userAgent, idempotencyKey) {
  const headers = requestHeaders("[redacted]", hasBody, userAgent, idempotencyKey);
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
}

/** A request or response body as text for the log, credential fields masked; `undefined` for a body that is not text (a `Blob`, a stream). */
export function loggedBody(body) {
  const text = bodyText(body);
  return text === undefined ? undefined : maskSecrets(text);
}

/**
 * `text` with the value of every JSON field named like a credential (`SECRET`) replaced by
 * `"[redacted]"`, whatever the value (a string, a number, an object or an array); the rest as
 * it was, byte for byte. Text that is not JSON (or JSON cut short) is masked the same way as
 * far as it reads as JSON.
 */
export function maskSecrets(text) {
  let out = "";
  let from = 0;
  STRING.lastIndex = 0;
  for (let m = STRING.exec(text); m !== null; m = STRING.exec(text)) {
    if (m[1] === undefined || !SECRET.test(m[0])) continue;
    const start = STRING.lastIndex;
    const end = valueEnd(text, start);
    out += `${text.slice(from, start)}"[redacted]"`;
    from = STRING.lastIndex = end;
  }
  return out + text.slice(from);
}

/** Where the JSON value starting at `i` (after a key's `:`) ends: after its closing quote or bracket, or at the `,` or bracket after a number, `true`, `false` or `null`. */
function valueEnd(text, i) {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      STRING_AT.lastIndex = i;
      STRING_AT.exec(text);
      i = STRING_AT.lastIndex - 1;
      if (depth === 0) return i + 1;
    } else if (c === "{" || c === "[") {
      depth++;
    } else if (c === "}" || c === "]" || c === ",") {
      if (depth === 0) return i;
      if (c !== "," && --depth === 0) return i + 1;
    }
  }
  return i;
}
