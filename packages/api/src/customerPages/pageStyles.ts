/**
 * The customer pages' one stylesheet, served from this server (`/enroll-assets/page.css`), since the pages' CSP allows
 * no inline style. Mobile first (a 360 px screen is the baseline), system fonts, visible focus, and contrast that
 * passes WCAG AA on white; the accent colour comes from the page's own theme (`/enroll/{slug}/theme.css`).
 */
export const PAGE_CSS = `
:root{--accent:#1f5fbf;--ink:#1b1f24;--muted:#4a5563;--line:#c9ced6;--bad:#a4001d;--good:#1d6b36;--bg:#ffffff}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.5;color:var(--ink);background:var(--bg)}
body{margin:0;border-top:.375rem solid var(--accent)}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header.brand{max-width:40rem;margin:0 auto;padding:1rem;display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
header.brand img{max-height:2.5rem;max-width:10rem}
header.brand .name{font-weight:700;font-size:1.125rem;margin:0}
main{max-width:40rem;margin:0 auto;padding:0 1rem 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
p.lang,p.support{color:var(--muted);font-size:.875rem}
nav.langs ul{list-style:none;display:flex;gap:.75rem;padding:0;margin:0;flex-wrap:wrap}
nav.langs a{color:var(--ink)}
nav.langs a[aria-current]{font-weight:700}
.progress{color:var(--muted);margin:0}
form .field{margin:0 0 1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.optional{font-weight:400;color:var(--muted)}
input[type=text],input[type=email],input[type=tel],select,textarea{width:100%;font:inherit;padding:.625rem .75rem;border:1px solid #6b7280;border-radius:.25rem;background:#fff;color:var(--ink)}
textarea{min-height:6rem}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f5a623;outline-offset:2px}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:var(--bad);border-width:2px}
.error{color:var(--bad);font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid var(--bad);padding:.75rem 1rem;margin:1rem 0}
.check{display:flex;gap:.75rem;align-items:flex-start}
.check input{width:1.5rem;height:1.5rem;margin:.125rem 0 0;flex:none}
.check label{font-weight:400}
.terms{border:1px solid var(--line);padding:.75rem 1rem;max-height:16rem;overflow:auto;white-space:pre-wrap;background:#f7f8fa}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}
button{font:inherit;font-weight:600;padding:.75rem 1.25rem;border-radius:.25rem;border:2px solid var(--accent);cursor:pointer;min-height:2.75rem}
button.primary{background:var(--accent);color:var(--accent-ink,#fff)}
button.secondary{background:#fff;color:var(--ink);border-color:#6b7280}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.notice{border-left:.375rem solid var(--accent);background:#f4f6fa;padding:.75rem 1rem;margin:1rem 0}
.link{word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{border-left:.25rem solid var(--line);padding:.25rem 0 .75rem 1rem}
ol.timeline li.COMPLETE{border-color:var(--good)}
ol.timeline li.IN_PROGRESS{border-color:var(--accent)}
ol.timeline .when{color:var(--muted);font-size:.875rem;display:block}
ol.timeline .badge{font-weight:700;display:block}
dl.typed{margin:0}
dl.typed dt{font-weight:600;margin-top:.5rem}
dl.typed dd{margin:0;overflow-wrap:anywhere}
footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:1rem}
@media (min-width:48rem){main,header.brand{padding-left:2rem;padding-right:2rem}main{padding-bottom:3rem}h1{font-size:1.875rem}dl.typed{display:grid;grid-template-columns:16rem 1fr;gap:.25rem 1rem}dl.typed dt{margin-top:0}}
`;
