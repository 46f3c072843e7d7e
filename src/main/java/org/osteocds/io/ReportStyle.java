package org.osteocds.io;

/**
 * The inline style sheet and script of the HTML panel report ({@link HtmlReportWriter}). Text keeps its size at
 * every page width: charts are HTML bars with real text, and wide tables scroll sideways inside their box on a narrow
 * screen (the sortable list's cells stop wrapping there) instead of shrinking.
 */
final class ReportStyle {
    private ReportStyle() {
    }

    /** The style sheet. */
    static final String CSS = """
            :root { --crit:#b3261e; --warn:#b26a00; --info:#1f5fa8; --ok:#2e7d32; --ink:#1d1d1f; --mute:#5f6368; --line:#dadce0; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #f7f7f8; }
            header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 28px; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 12px; } h3 { font-size: 15px; margin: 0 0 6px; }
            .meta { color: var(--mute); margin: 0; }
            main { padding: 0 28px 28px; max-width: 1200px; }
            .tiles { display: flex; flex-wrap: wrap; gap: 12px; }
            .tile { display: block; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; flex: 1 1 150px; color: inherit; text-decoration: none; }
            a.tile:hover { border-color: var(--info); }
            .tile .v { font-size: 26px; font-weight: 600; } .tile .l { color: var(--ink); font-size: 13px; } .tile .s { color: var(--mute); font-size: 12px; }
            .tile.critical .v { color: var(--crit); } .tile.warning .v { color: var(--warn); } .tile.info .v { color: var(--info); } .tile.bad .v { color: #6d4c41; }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 14px; margin-top: 14px; align-items: start; }
            .chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 0; padding: 10px 12px; min-width: 0; }
            .chart figcaption, .matrix figcaption { font-weight: 600; margin-bottom: 8px; }
            .of { font-weight: 400; color: var(--mute); font-size: 13px; }
            .bar-row { display: grid; grid-template-columns: minmax(0, 17em) minmax(40px, 1fr) 6.5em; gap: 2px 10px; align-items: center; margin: 3px 0; font-size: 13px; }
            .bar-label { text-align: right; overflow-wrap: anywhere; }
            .bar-track { background: #f1f3f4; border-radius: 3px; height: 14px; overflow: hidden; }
            .bar { display: block; height: 100%; min-width: 2px; border-radius: 3px; background: #8ab4f8; }
            .bar.critical { background: var(--crit); } .bar.warning { background: var(--warn); } .bar.info { background: var(--info); } .bar.none { background: var(--ok); }
            .bar-num { white-space: nowrap; } .bar-num small { color: var(--mute); font-size: 12px; }
            table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); font-size: 13px; }
            th { background: #f1f3f4; }
            table.sortable th { cursor: pointer; user-select: none; position: sticky; top: 0; }
            th.asc::after { content: " \\25B2"; } th.desc::after { content: " \\25BC"; }
            table.sortable td:first-child { white-space: nowrap; }
            td.n { text-align: right; } td.critical { color: var(--crit); font-weight: 600; }
            tr.problem td { background: #fdf3f2; }
            .patient, .ref { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 10px; }
            .who { font-weight: 400; } .pid { font-weight: 600; }
            .status { font-size: 11px; font-weight: 500; padding: 1px 6px; border-radius: 8px; background: #e8eaed; color: var(--mute); white-space: nowrap; }
            .s-invalid, .s-failed { background: #fce8e6; color: var(--crit); }
            .findings, .gaps, .reason { color: var(--mute); margin: 4px 0; }
            ul.errors, .err { color: var(--crit); } ul.errors { margin: 6px 0; }
            .rf { background: #fef7e0; border-radius: 4px; padding: 0 4px; color: #7a4f01; }
            ol.advice { margin: 6px 0; padding-left: 20px; } ol.advice li { margin: 6px 0; }
            a.label { font-weight: 600; color: inherit; }
            .badge { display: inline-block; min-width: 58px; text-align: center; font-size: 11px; font-weight: 600; color: #fff; border-radius: 4px; padding: 0 4px; background: var(--info); }
            .i-critical .badge, .badge.i-critical { background: var(--crit); } .i-warning .badge, .badge.i-warning { background: var(--warn); }
            .why { color: var(--ink); } .rule { color: var(--mute); font-size: 12px; overflow-wrap: anywhere; } .none { color: var(--mute); font-size: 12px; }
            .detail { color: #3c4043; } .for-patient { color: var(--mute); } .cert { color: var(--mute); font-size: 12px; } .url { color: var(--mute); font-size: 11px; word-break: break-all; }
            .legend { font-weight: 400; font-size: 12px; color: var(--mute); margin-left: 8px; white-space: nowrap; }
            .dot { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin: 0 3px 0 6px; background: #8ab4f8; }
            .dot.critical { background: var(--crit); } .dot.warning { background: var(--warn); } .dot.info { background: var(--info); }
            .matrix { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 14px 0 0; padding: 10px 12px; }
            .matrix table { border: 0; } .matrix th { text-align: center; font-weight: 600; }
            .matrix td.m { text-align: center; font-size: 12px; min-width: 70px; }
            .oos { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin-top: 14px; }
            .oos h3 { margin-bottom: 4px; } .oos table { border: 0; width: auto; } .oos td.note { color: var(--mute); }
            .oos details { margin: 6px 0 0; font-size: 13px; } .oos summary { cursor: pointer; }
            footer { color: var(--mute); font-size: 12px; padding: 16px 28px; border-top: 1px solid var(--line); }
            @media (max-width: 900px) {
              .scroll { overflow-x: auto; } table.sortable th, table.sortable td { white-space: nowrap; }
              table.sortable td:last-child { white-space: normal; min-width: 16em; }
            }
            @media (max-width: 600px) {
              header { padding: 12px 14px; } main { padding: 0 14px 20px; } footer { padding: 12px 14px; }
              .tile { min-width: 130px; padding: 8px 12px; }
              .bar-row { grid-template-columns: minmax(40px, 1fr) 6.5em; margin: 2px 0 7px; }
              .bar-label { grid-column: 1 / -1; text-align: left; }
            }
            @media print {
              body { background: #fff; font-size: 11px; } main { padding: 0; max-width: none; } header { padding: 0 0 8px; }
              .noprint { display: none; } th { position: static; } .scroll { overflow: visible; }
              .tile, .chart, .patient, .ref, .oos { break-inside: avoid; border-color: #bbb; }
              .charts { grid-template-columns: 1fr 1fr; } #patients, #reference { break-before: page; }
              .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
              a { color: inherit; text-decoration: none; }
            }
            """;

    /** Sorts a {@code table.sortable} by the clicked column (numbers numerically, blanks last). */
    static final String SCRIPT = """
            document.querySelectorAll('table.sortable th').forEach(function (th, col) {
              th.addEventListener('click', function () {
                var table = th.closest('table'), body = table.tBodies[0];
                var asc = !th.classList.contains('asc');
                table.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
                th.classList.add(asc ? 'asc' : 'desc');
                var num = th.dataset.type === 'num';
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
                  if (x === '' || y === '') { return (x === '') - (y === ''); }
                  var c = num ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y, undefined, {numeric: true});
                  return asc ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
            """;
}
