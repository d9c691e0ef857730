// <codat-account-mapping company-id connection-id>: the account-mapping screen Codat's API is
// made for, as a custom element on the public client. It lists the connection's source accounts
// with their status and, for each, the target accounts `accountMapping.get` offers (Codat has
// filtered them by currency and type), a new account, and a feed start date; it saves one
// account at a time with `accountMapping.create`, shows the answer and reads the list again.
// No framework; styles adopted as a constructable stylesheet (CSP `style-src 'self'`); focus
// moved to what changed after a save or an error.
import { CodatBankFeeds } from "codat-bank-feeds-wasm";
import { classify, formatWait } from "./failures.js";
import { defaultMessages, fill } from "./messages.js";
import { stylesheet } from "./styles.js";

/**
 * The retry policy of a client the element makes: a browser's failed fetch (often a CORS
 * refusal) or a 429 is retried for seconds, not the API's hour, so the user hears of it.
 */
const RETRIES = { strategy: "backoff", backoff: { initialInterval: 500, maxInterval: 2000, maxElapsedTime: 5000 }, retryConnectionErrors: true };

/** `tag` with `props` (`part`, `class` and attributes; `on*` functions become listeners) and children. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v != null && v !== false) el.setAttribute(k, String(v));
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

/** Today in the browser's time zone, as an ISO date. */
function today() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const dateOf = (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : "");

/** The `<codat-account-mapping>` element (js/elements/account-mapping.d.ts documents it). */
export class CodatAccountMapping extends HTMLElement {
  static observedAttributes = ["company-id", "connection-id", "server-url", "min-start-date", "max-start-date"];

  #client;
  #auth;
  #own;
  #authFailed = false;
  #messages = defaultMessages;
  #mappings = [];
  /** sourceAccountId -> { ok, text } of its last save, kept across reloads. */
  #results = new Map();
  /** sourceAccountId -> status seen last, for `statuschange`. */
  #statuses = new Map();
  /** sourceAccountId -> { target, date } the user chose and has not saved, kept across renders. */
  #drafts = new Map();
  #saving = false;
  #generation = 0;
  #root;

  /** A `CodatBankFeeds` client to call the API with (or give `authHeader` instead). */
  get client() {
    return this.#client ?? this.#ownClient();
  }
  set client(value) {
    this.#client = value;
    this.refresh();
  }

  /** The `Authorization` value, or a function returning it, for a client the element makes. */
  get authHeader() {
    return this.#auth;
  }
  set authHeader(value) {
    this.#auth = value;
    this.#own = undefined;
    this.refresh();
  }

  /** The texts shown: `defaultMessages` with these replacing theirs. */
  get messages() {
    return this.#messages;
  }
  set messages(value) {
    this.#messages = { ...defaultMessages, ...value };
    this.#render();
  }

  connectedCallback() {
    if (!this.#root) {
      this.#root = this.attachShadow({ mode: "open" });
      this.#root.adoptedStyleSheets = [stylesheet()];
    }
    this.refresh();
  }

  attributeChangedCallback(name) {
    if (name === "server-url") this.#own = undefined;
    if (this.#root) this.refresh();
  }

  /** Reads the mappings again; resolves once they are shown (or the failure is). */
  async refresh() {
    if (!this.isConnected || !this.#root) return;
    const generation = ++this.#generation;
    const client = this.client;
    const companyId = this.getAttribute("company-id");
    const connectionId = this.getAttribute("connection-id");
    // Not set up yet (a framework may set the properties after the element is connected).
    if (!client || !companyId || !connectionId) return this.#render();
    this.#state = "loading";
    this.#render();
    try {
      const mappings = await this.#call(() => client.accountMapping.get({ companyId, connectionId }));
      if (generation !== this.#generation) return;
      this.#mappings = mappings;
      this.#state = "ready";
      this.#noteStatuses(mappings);
      this.#render();
    } catch (error) {
      if (generation === this.#generation) this.#fail(classify(error, this.#authFailed), error);
    }
  }

  #state = "loading";
  #failure;

  #ownClient() {
    if (this.#auth === undefined) return undefined;
    const auth = this.#auth;
    // The element's own wrapper, so that it knows when the token could not be had; the
    // arguments (the client may say why it asks) go through.
    const authHeader =
      typeof auth === "function"
        ? async (...args) => {
            try {
              return await auth(...args);
            } catch (e) {
              this.#authFailed = true;
              throw e;
            }
          }
        : auth;
    // A mapping is a setting, not an entry: saving it again is harmless and the list is read
    // after every save, so no Idempotency-Key, which Codat's CORS may not allow.
    this.#own ??= new CodatBankFeeds({ authHeader, serverURL: this.getAttribute("server-url") ?? undefined, idempotencyKeys: false, retryConfig: RETRIES });
    return this.#own;
  }

  async #call(fn) {
    this.#authFailed = false;
    return fn();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #noteStatuses(mappings) {
    for (const m of mappings) {
      const previousStatus = this.#statuses.get(m.sourceAccountId);
      const status = m.status ?? "unknown";
      this.#statuses.set(m.sourceAccountId, status);
      if (previousStatus !== undefined && previousStatus !== status) this.#emit("statuschange", { sourceAccountId: m.sourceAccountId, status, previousStatus });
    }
  }

  /** Shows a failure in words; moves focus to it when the user was working in the element. */
  #fail(failure, error, sourceAccountId) {
    this.#failure = { ...failure, message: this.#failureText(failure) };
    this.#state = this.#mappings.length ? "ready" : "failed";
    const hadFocus = this.matches(":focus-within");
    this.#render();
    if (hadFocus || sourceAccountId) this.#root.querySelector("[part=error]")?.focus();
    const { kind, message, retryAfterMs } = this.#failure;
    this.#emit("error", { kind, message, retryAfterMs, sourceAccountId, error });
  }

  #failureText({ kind, retryAfterMs, code }) {
    const m = this.#messages;
    if (kind === "rateLimit") return retryAfterMs ? fill(m.errorRateLimit, { wait: formatWait(retryAfterMs, this.#locale()) }) : m.errorRateLimitNoWait;
    const key = { auth: "errorAuth", forbidden: "errorForbidden", network: "errorNetwork", timeout: "errorTimeout" }[kind];
    return key ? m[key] : fill(m.errorOther, { code });
  }

  #locale() {
    return this.closest("[lang]")?.getAttribute("lang") || undefined;
  }

  #range() {
    return { min: this.getAttribute("min-start-date") || "", max: this.getAttribute("max-start-date") || today() };
  }

  async #save(event, mapping) {
    event.preventDefault();
    const m = this.#messages;
    const id = mapping.sourceAccountId;
    const form = event.currentTarget;
    const account = mapping.sourceAccountName ?? id;
    if (this.#saving) return this.#show(id, { ok: false, text: m.busy });
    const choice = form.elements.target.value;
    const date = form.elements.date.value;
    const { min, max } = this.#range();
    if (choice === "") return this.#invalid(id, form.elements.target, m.chooseFirst);
    if (date && (date > max || (min && date < min))) {
      return this.#invalid(id, form.elements.date, fill(min ? m.dateOutOfRange : m.dateTooLate, { min: this.#day(min), max: this.#day(max) }));
    }
    const option = choice === "new" ? undefined : mapping.targetAccountOptions?.[Number(choice)];
    const requestBody = { sourceAccountId: id };
    if (option) requestBody.targetAccountId = option.id;
    if (date) requestBody.feedStartDate = date;
    this.#saving = true;
    this.#failure = undefined;
    this.#results.delete(id);
    this.#drafts.set(id, { target: choice, date });
    this.#announce(fill(m.saving, { account }));
    this.#render();
    try {
      const companyId = this.getAttribute("company-id");
      const connectionId = this.getAttribute("connection-id");
      const client = this.client;
      const result = await this.#call(() => client.accountMapping.create({ companyId, connectionId, requestBody }));
      const ok = result.status === "Success";
      const target = option ? (option.name ?? option.id) : m.aNewAccount;
      const text = ok ? fill(m.saved, { account, target }) : result.error ? fill(m.failed, { reason: result.error }) : m.failedNoReason;
      this.#results.set(id, { ok, text });
      if (ok) this.#drafts.delete(id);
      if (ok)
        this.#emit("mapped", {
          sourceAccountId: id,
          targetAccountId: result.targetAccountId ?? undefined,
          newAccount: !option,
          feedStartDate: date || undefined,
        });
      else this.#emit("error", { kind: "mappingFailed", message: text, sourceAccountId: id });
      this.#saving = false;
      this.#announce("");
      await this.refresh();
      this.#focusResult(id);
    } catch (error) {
      this.#saving = false;
      this.#announce("");
      this.#fail(classify(error, this.#authFailed), error, id);
    }
  }

  #day(iso) {
    return iso ? new Intl.DateTimeFormat(this.#locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`)) : "";
  }

  #invalid(id, field, text) {
    this.#show(id, { ok: false, text, field: field.id });
    this.#root.getElementById(field.id)?.focus();
  }

  #show(id, result) {
    this.#results.set(id, result);
    this.#render();
  }

  #focusResult(id) {
    const result = this.#root.getElementById(`r${this.#mappings.findIndex((x) => x.sourceAccountId === id)}`);
    if (result && !result.hidden) result.focus();
    else this.#root.querySelector("[part=error]:not([hidden])")?.focus();
  }

  #announce(text) {
    this.#announcement = text;
    this.#render();
  }

  #announcement = "";

  #render() {
    if (!this.#root) return;
    const m = this.#messages;
    // Whatever had focus is rebuilt: put focus back on its replacement.
    const focused = this.#root.activeElement?.id;
    const failure = this.#failure;
    const live = this.#state === "loading" && !this.#mappings.length ? m.loading : this.#announcement;
    const list = this.#mappings.length
      ? h("ul", { part: "list" }, ...this.#mappings.map((mapping, i) => this.#account(mapping, i)))
      : this.#state === "ready"
        ? h("p", { part: "empty" }, m.empty)
        : null;
    this.#root.replaceChildren(
      h(
        "section",
        { part: "container", "aria-labelledby": "title", "aria-busy": this.#state === "loading" || this.#saving ? "true" : "false" },
        h("h2", { part: "title", id: "title", tabindex: "-1" }, m.title),
        h("p", { part: "intro", class: "hint" }, m.intro),
        h("p", { part: "announcer", role: "status" }, live),
        h(
          "div",
          { part: "error", class: "error", role: "alert", tabindex: "-1", hidden: !failure },
          failure ? h("span", null, failure.message) : null,
          failure ? h("button", { part: "button retry", type: "button", onclick: () => this.#retry() }, m.retry) : null,
        ),
        list,
      ),
    );
    if (focused) this.#root.getElementById(focused)?.focus();
  }

  /** Reads the list again after a failure; focus goes to the heading, or to the new failure. */
  async #retry() {
    this.#failure = undefined;
    this.#render();
    await this.refresh();
    if (!this.#failure) this.#root.getElementById("title")?.focus();
  }

  #account(mapping, i) {
    const m = this.#messages;
    const status = mapping.status ?? "unknown";
    const statusText = m[`status${status[0].toUpperCase()}${status.slice(1)}`] ?? status;
    const options = mapping.targetAccountOptions ?? [];
    const current = options.findIndex((o) => o.id === mapping.targetAccountId);
    const { min, max } = this.#range();
    const id = mapping.sourceAccountId;
    const result = this.#results.get(id);
    const draft = this.#drafts.get(id);
    const chosen = draft ? draft.target : current < 0 ? "" : String(current);
    const invalid = (field) => (result?.field === field ? "true" : null);
    const describedBy = (field, own) => [own, result && (!result.field || result.field === field) ? `r${i}` : null].filter(Boolean).join(" ") || null;
    const details = [mapping.sourceAccountNumber, mapping.sourceCurrency].filter(Boolean).join(" · ");
    const label = (o) => [o.name ?? o.id, o.accountNumber].filter(Boolean).join(" · ");
    return h(
      "li",
      { part: "account" },
      h("h3", { part: "account-name", id: `n${i}` }, mapping.sourceAccountName ?? mapping.sourceAccountId),
      details ? h("p", { part: "account-details", class: "details" }, details) : null,
      h("p", { part: `status status-${status}`, class: `badge ${status}` }, `${m.status}: ${statusText}`),
      mapping.targetAccountName ? h("p", { part: "current-target", class: "details" }, fill(m.currentTarget, { target: mapping.targetAccountName })) : null,
      h(
        "form",
        {
          part: "form",
          "aria-labelledby": `n${i}`,
          novalidate: true,
          onsubmit: (e) => this.#save(e, mapping),
          onchange: (e) => this.#drafts.set(id, { target: e.currentTarget.elements.target.value, date: e.currentTarget.elements.date.value }),
        },
        h(
          "div",
          { part: "field" },
          h("label", { part: "label", for: `t${i}` }, m.target),
          h(
            "select",
            { part: "select", id: `t${i}`, name: "target", "aria-invalid": invalid(`t${i}`), "aria-describedby": describedBy(`t${i}`) },
            h("option", { value: "", selected: chosen === "" }, m.chooseTarget),
            ...options.map((o, j) => h("option", { value: j, selected: chosen === String(j) }, label(o))),
            h("option", { value: "new", selected: chosen === "new" }, m.newAccount),
          ),
        ),
        h(
          "div",
          { part: "field" },
          h("label", { part: "label", for: `d${i}` }, m.startDate),
          h("input", {
            part: "date",
            id: `d${i}`,
            name: "date",
            type: "date",
            min: min || null,
            max,
            value: draft ? draft.date : dateOf(mapping.feedStartDate),
            "aria-invalid": invalid(`d${i}`),
            "aria-describedby": describedBy(`d${i}`, `h${i}`),
          }),
          h(
            "p",
            { part: "hint", class: "hint", id: `h${i}` },
            fill(min ? m.startDateRangeHint : m.startDateHint, { min: this.#day(min), max: this.#day(max) }),
          ),
        ),
        h("button", { part: "button save", type: "submit", id: `s${i}`, "aria-disabled": this.#saving ? "true" : null }, m.save),
      ),
      h(
        "p",
        {
          part: `result${result ? (result.ok ? " result-ok" : " result-failed") : ""}`,
          class: `result ${result?.ok ? "ok" : "failed"}`,
          id: `r${i}`,
          tabindex: "-1",
          hidden: !result,
        },
        result?.text,
      ),
    );
  }
}

if (typeof customElements !== "undefined" && !customElements.get("codat-account-mapping")) customElements.define("codat-account-mapping", CodatAccountMapping);

export { defaultMessages };
