// The page: sign in, then the company's bank-feed accounts in <codat-account-mapping>. The page
// holds only a company access token for the signed-in user's company, from the backend:
// companyAccessToken keeps it until shortly before it expires, shared by every call, and fetches
// a new one once when a 401 refuses it.
import { companyAccessToken } from "codat-bank-feeds-wasm";
import "codat-bank-feeds-wasm/elements";

const signIn = document.getElementById("sign-in");
const problem = document.getElementById("problem");

const authHeader = companyAccessToken(async () => {
  const res = await fetch("/api/token");
  if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
  return res.json();
});

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
