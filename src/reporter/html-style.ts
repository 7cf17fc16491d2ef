/** The report's stylesheet, inlined into `index.html` (system fonts only, no network). */
export const REPORT_CSS = `
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--pass:#15803d;--pass-bg:#dcfce7;--fail:#b91c1c;--fail-bg:#fee2e2;--warn:#a16207;--warn-bg:#fef3c7;--skip:#4b5563;--skip-bg:#e5e7eb;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header.top{background:#0f172a;color:#f8fafc;padding:20px 32px}
header.top h1{margin:0;font-size:20px;font-weight:650;letter-spacing:.2px}
header.top .sub{color:#cbd5e1;font-size:13px;margin-top:4px}
header.top .counts{margin-top:12px;display:flex;gap:8px;flex-wrap:wrap}
main{max-width:1320px;margin:0 auto;padding:24px 32px 64px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 24px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
h2{font-size:17px;margin:0 0 12px;display:flex;align-items:center;gap:10px;flex-wrap:wrap;overflow-wrap:anywhere;min-width:0}
h3{font-size:14px;margin:22px 0 8px;color:#374151;text-transform:uppercase;letter-spacing:.5px}
.meta{color:var(--muted);font-size:12.5px;margin:-4px 0 12px}
.meta code{font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f9fafb;font-weight:600;color:#374151;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.worst td{background:#f9fafb}
tr.worst td:first-child{box-shadow:inset 3px 0 0 var(--muted)}
tr.worst.failed td{background:#fff1f2}
tr.worst.failed td:first-child{box-shadow:inset 3px 0 0 var(--fail)}
.table-wrap{overflow-x:auto;max-width:100%}
.badge{display:inline-block;padding:2px 9px;border-radius:999px;font-size:12px;font-weight:650;letter-spacing:.3px;text-transform:uppercase;white-space:nowrap}
.badge.pass{background:var(--pass-bg);color:var(--pass)}.badge.fail{background:var(--fail-bg);color:var(--fail)}
.badge.warn{background:var(--warn-bg);color:var(--warn)}.badge.skip,.badge.unchecked{background:var(--skip-bg);color:var(--skip)}
.badge.info{background:#e0e7ff;color:#3730a3}
.iv{color:var(--muted);font-size:12px;white-space:nowrap}
.better{color:var(--pass);font-weight:600}.worse{color:var(--fail);font-weight:600}.noisy{color:var(--warn);font-weight:600}.same{color:var(--muted)}
.metric{display:block;white-space:nowrap}
table.summary td{padding:9px 10px;overflow-wrap:anywhere}
table.summary td:not(:first-child) .iv{white-space:normal}
table.summary td:last-child{min-width:16em}
.metric .name{color:var(--muted);font-size:12px;margin-right:4px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(400px,1fr));gap:16px}
.plots figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px;background:#fff;overflow-x:auto}
.plots figure.wide{grid-column:1/-1}
.plots figcaption{font-size:12px;color:var(--muted);margin-top:6px}
.plots svg,.plots img{max-width:100%;height:auto;display:block}
.plots figure.wide svg,.plots figure.wide img{max-width:none}
.callout{border-radius:8px;padding:10px 14px;margin:10px 0;font-size:13px}
.callout.worst,.callout.error{background:#fff1f2;border:1px solid #fecdd3}
.callout.error{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.callout.note{white-space:pre-line;background:#f9fafb;border:1px solid var(--line);color:#374151}
ul.gates{list-style:none;padding:0;margin:0}
ul.gates li{padding:6px 0;border-bottom:1px solid var(--line);display:flex;gap:10px;align-items:baseline}
ul.gates .msg{color:var(--muted);font-size:12.5px;white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.bar{display:inline-block;height:8px;border-radius:4px;background:#93c5fd;vertical-align:middle;margin-left:6px}
td.text{max-width:420px;white-space:pre-wrap;word-break:break-word}
td.slice-key{min-width:8em;max-width:28em;overflow-wrap:anywhere}
td.note{white-space:normal;min-width:16em;max-width:40em;overflow-wrap:anywhere}
details{margin:6px 0 0}details summary{cursor:pointer;color:var(--muted);font-size:12.5px;padding:4px 0}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:12px}
`
