// Bank transactions pushed into accounting software at scale: a queue consumer hands each
// message to the company's Durable Object, which pushes it with `transactions.pushAll`.
//
//   POST /pushes { companyId, connectionId, accountId, transactions, batchId }  -> queued (202)
//   GET  /pushes/<companyId>/<batchId>                                            -> its record
//
// Why a Durable Object per company: Codat allows 10 requests in flight per company, and an
// account's pushes must go one at a time, in date order (accounting software refuses a
// transaction older than the account's latest). Messages are consumed by many isolates at
// once; all of a company's pushes run in its one object, so its client's
// `maxConcurrentPerCompany` (default 10) is the company's budget, and a queue per account in
// the object keeps that account's pushes in arrival order.
//
// Why it is safe to retry: delivery is at least once (a message can come twice, or again after
// a crash mid-push). pushAll derives each chunk's Idempotency-Key from `batchId`, so a message
// run again within Codat's 90 minutes replays the chunks already pushed and pushes the rest.
import { DurableObject } from "cloudflare:workers";
import { CodatBankFeeds, CodatBankFeedsError, InvalidRequestError, PushFailedError } from "codat-bank-feeds-wasm";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const [, route, companyId, batchId] = url.pathname.split("/");
    if (request.method === "POST" && url.pathname === "/pushes") {
      // A queue message holds at most 128 KB, a few hundred transactions: send a longer backlog
      // as several messages, oldest first, each with its own batchId.
      const job = await request.json();
      await env.PUSHES.send(job);
      return Response.json({ queued: job.batchId }, { status: 202 });
    }
    if (request.method === "GET" && route === "pushes" && companyId && batchId) {
      const record = await companyObject(env, companyId).record(batchId);
      return record ? Response.json(record) : new Response("no such batch", { status: 404 });
    }
    return new Response("POST /pushes, GET /pushes/<companyId>/<batchId>", { status: 404 });
  },

  async queue(batch, env) {
    await Promise.all(
      batch.messages.map(async (message) => {
        const outcome = await companyObject(env, message.body.companyId).push(message.body);
        // Done, or failed for good (recorded; run again it would fail the same way): ack.
        if (outcome.retry) message.retry({ delaySeconds: outcome.retryAfterSeconds });
        else message.ack();
      }),
    );
  },
};

function companyObject(env, companyId) {
  return env.COMPANY.get(env.COMPANY.idFromName(companyId));
}

/** Errors that a later run of the same message would meet again. */
function isPermanent(err) {
  if (err instanceof InvalidRequestError || err instanceof PushFailedError) return true;
  const status = err instanceof CodatBankFeedsError ? err.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429;
}

export class CompanyPusher extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sdk = new CodatBankFeeds({
      authHeader: `Basic ${env.CODAT_API_KEY}`,
      serverURL: env.CODAT_SERVER_URL || undefined,
      timeoutMs: 60_000,
    });
    this.options = {
      chunkSize: Number(env.PUSH_CHUNK_SIZE) || undefined,
      intervalMs: Number(env.PUSH_POLL_INTERVAL_MS) || undefined,
      timeoutMs: 10 * 60_000,
    };
    /** accountId -> the last push queued for that account: each runs after the one before. */
    this.tails = new Map();
  }

  /** Pushes one message after the account's earlier ones; resolves to `{ retry, ... }`. */
  push(job) {
    const run = (this.tails.get(job.accountId) ?? Promise.resolve()).then(() => this.run(job));
    this.tails.set(job.accountId, run);
    return run;
  }

  async run(job) {
    const { companyId, connectionId, accountId, transactions, batchId } = job;
    try {
      const result = await this.sdk.transactions.pushAll(
        { companyId, connectionId, accountId, transactions, batchId },
        { ...this.options, onProgress: (p) => this.save(p.batchId, { state: "pushing", pushed: p.pushed, total: p.total }) },
      );
      const operations = result.operations.map((o) => o.pushOperationKey);
      await this.save(result.batchId, { state: "pushed", pushed: result.pushed, total: transactions.length, operations }, true);
      return { retry: false };
    } catch (err) {
      const permanent = isPermanent(err);
      const record = {
        state: permanent ? "failed" : "retrying",
        pushed: err?.pushed ?? 0,
        error: err?.name,
        message: err?.message,
        validation: err instanceof PushFailedError ? (err.failed.validation?.errors ?? []) : undefined,
      };
      if (err?.batchId) await this.save(err.batchId, record, true);
      else console.error(`push refused before sending: ${err?.message}`);
      return { retry: !permanent, retryAfterSeconds: Math.ceil((err?.retryAfterMs ?? 30_000) / 1000) };
    }
  }

  /** Records a batch's state; `finished` counts the runs that ended (a replay is one). */
  async save(batchId, record, finished = false) {
    const key = `batch:${batchId}`;
    const runs = ((await this.ctx.storage.get(key))?.runs ?? 0) + (finished ? 1 : 0);
    await this.ctx.storage.put(key, { ...record, runs, at: new Date().toISOString() });
  }

  /** A batch's last recorded state. */
  record(batchId) {
    return this.ctx.storage.get(`batch:${batchId}`);
  }
}
