/** Escape text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
:root{color-scheme:light dark;--fg:#111;--bg:#f6f7f9;--card:#fff;--muted:#555;--accent:#4338ca;--err:#b91c1c;--ok:#047857}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#111318;--card:#1c1f26;--muted:#aaa;--accent:#a5b4fc;--err:#fca5a5;--ok:#6ee7b7}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:var(--card);border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}.badge{font-size:.75rem;padding:.1rem .5rem;border:1px solid currentColor;border-radius:999px;color:var(--muted)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input,select{width:100%;padding:.6rem;font:inherit;border:1px solid #8889;border-radius:8px;background:transparent;color:inherit}
button,.button{display:inline-block;margin-top:1rem;padding:.7rem 1.2rem;font:inherit;font-weight:600;border:0;border-radius:8px;background:var(--accent);color:var(--card);cursor:pointer;text-decoration:none}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:var(--muted)}dd{margin:0;font-variant-numeric:tabular-nums}
.error{color:var(--err);font-weight:600}.ok{color:var(--ok);font-weight:600}.muted{color:var(--muted);font-size:.9rem}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem 0;border-bottom:1px solid #8884}td.num{text-align:right;font-variant-numeric:tabular-nums}
.row{display:flex;gap:1rem}.row>div{flex:1}`;

/** A complete page: inline CSS only, no external assets. */
export function layout(title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(title)} · Credyt emulator</title>${head}<style>${STYLE}</style></head>
<body><main>${body}
<p class="muted">Credyt emulator <span class="badge">test mode</span></p></main></body></html>`;
}

/** An HTML response. */
export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/** A 303 redirect (so a form POST becomes a GET), with the target URL exactly as given. */
export function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** The page shown for a link that is neither valid nor tied to a known session. */
export function invalidLinkPage(): Response {
  return htmlResponse(
    layout("Link not valid", `<h1>This link is not valid</h1><p>Ask the app for a new checkout or portal link.</p>`),
    400,
  );
}
