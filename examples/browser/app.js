// The page: sign in, then the company's bank-feed accounts in <codat-account-mapping>. The page
// holds only a company access token for the signed-in user's company, from the backend; it is
// kept until a minute before it expires, and fetched again when the client asks after a 401.
import "codat-bank-feeds-wasm/elements";

const signIn = document.getElementById("sign-in");
const problem = document.getElementById("problem");

let token;
async function authHeader(context) {
  // `context.reason` is "unauthorized" when the client asks again after a 401.
  if (!token || Date.now() > token.until || context?.reason === "unauthorized") {
    const res = await fetch("/api/token");
    if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
    const body = await res.json();
    token = { header: `${body.tokenType ?? "Bearer"} ${body.accessToken}`, until: Date.now() + (body.expiresIn - 60) * 1000 };
  }
  return token.header;
}

async function showMapping() {
  const res = await fetch("/api/me");
  if (res.status === 401) {
    signIn.hidden = false;
    return;
  }
  const me = await res.json();
  signIn.hidden = true;
  const el = document.createElement("codat-account-mapping");
  el.setAttribute("company-id", me.companyId);
  el.setAttribute("connection-id", me.connectionId);
  el.setAttribute("server-url", me.serverURL);
  el.authHeader = authHeader;
  el.addEventListener("mapped", (e) => console.log("mapped", e.detail.sourceAccountId));
  document.querySelector("main").append(el);
}

signIn.addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(signIn);
  const res = await fetch("/api/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: form.get("user"), password: form.get("password") }),
  });
  if (!res.ok) {
    problem.textContent = "Wrong name or password.";
    problem.focus();
    return;
  }
  problem.textContent = "";
  await showMapping();
});

showMapping();
