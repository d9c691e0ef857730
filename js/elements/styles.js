// The element's look, as one constructable stylesheet shared by every instance: adopted by the
// shadow root, so a page whose CSP is `style-src 'self'` (no inline styles, no nonce) applies it.
// Themed with the `--codat-*` custom properties and `::part(...)`.

const css = `
:host{display:block;font:var(--codat-font,inherit);color:var(--codat-color,#1b1b1f);background:var(--codat-background,transparent)}
*{box-sizing:border-box}
[hidden]{display:none!important}
h2{font-size:1.25em;margin:0 0 .25em}
h3{font-size:1.05em;margin:0}
ul{list-style:none;margin:0;padding:0;display:grid;gap:var(--codat-gap,1em)}
li{border:1px solid var(--codat-border,#767680);border-radius:var(--codat-radius,8px);padding:var(--codat-gap,1em);display:grid;gap:.5em}
p{margin:0}
form{display:grid;gap:.75em 1em;grid-template-columns:repeat(auto-fit,minmax(min(100%,18em),1fr));align-items:start}
form>div{display:grid;gap:.25em;min-width:0}
form>button{grid-column:1/-1;justify-self:start}
label{font-weight:600}
select,input{width:100%}
select,input,button{font:inherit;padding:.4em .6em;border:1px solid var(--codat-border,#767680);border-radius:var(--codat-radius,8px);background:var(--codat-input-background,#fff);color:inherit}
button{background:var(--codat-accent,#0b57d0);color:var(--codat-accent-text,#fff);border-color:var(--codat-accent,#0b57d0);cursor:pointer;font-weight:600}
button[aria-disabled=true]{opacity:.7;cursor:progress}
:focus-visible{outline:3px solid var(--codat-focus,#0b57d0);outline-offset:2px}
[aria-invalid=true]{border-color:var(--codat-danger,#b3261e)}
.hint,.details{font-size:.9em;color:var(--codat-muted,#46464f)}
.badge{justify-self:start;font-size:.85em;font-weight:600;padding:.1em .6em;border-radius:1em;background:var(--codat-badge,#e3e3e8)}
.badge.connected{background:var(--codat-success-background,#c4eed0);color:var(--codat-success,#0d5224)}
.badge.disconnected{background:var(--codat-danger-background,#ffdad6);color:var(--codat-danger,#8c1d18)}
.result.ok{color:var(--codat-success,#0d5224)}
.result.failed,.error{color:var(--codat-danger,#8c1d18)}
.error{border:1px solid currentColor;border-radius:var(--codat-radius,8px);padding:.75em;margin:.5em 0;display:flex;gap:1em;align-items:center;flex-wrap:wrap}
`;

let shared;

/** The stylesheet, made on first use (a module that only defines the element touches no DOM API). */
export function stylesheet() {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(css);
  }
  return shared;
}
