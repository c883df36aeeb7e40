/* The matrix picker's first step, loaded by overrides/hooks/matrix.html right after the picker's
   form and before the table, so that the table is drawn as it will stay (no layout shift):
   1. the picker is shown, its choices opened where there is room (folded on a phone);
   2. the choice in the address (?k=…&t=…&d=1) is applied at once by a stylesheet hiding the
      columns and rows not chosen, and the topics alike when "only where they differ" is on
      (data-gaps on each topic's box lists the municipalities without a rule on it). A
      constructed stylesheet: no inline style, so it runs under the site's CSP. When the page's
      scripts have run (site.js filters the table, matrix-differ.js marks the alike rows), the
      stylesheet is removed: from then on they keep the table.
   Without JavaScript the picker stays hidden: the full table needs no choice. */
(function () {
  "use strict";
  var form = document.querySelector("form.matrix-picker");
  if (!form) return;
  form.querySelector(".matrix-picker__choice").open = window.matchMedia("(min-width: 60em)").matches;
  var differ = form.querySelector(".matrix-differ");
  if (differ) differ.hidden = false;
  form.hidden = false;

  if (!("adoptedStyleSheets" in document) || typeof CSSStyleSheet !== "function") return;
  var params = new URLSearchParams(window.location.search);
  /* As site.js reads the address: a box by its code or by its label, in any case. */
  function chosen(param) {
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="' + param + '"]'));
    var value = params.get(param);
    if (value === null) return boxes.filter(function (box) { return box.checked; });
    var wanted = value.split(",").map(function (code) { return code.trim().toLowerCase(); });
    return boxes.filter(function (box) {
      return wanted.indexOf(box.value) !== -1 || wanted.indexOf(box.parentNode.textContent.trim().toLowerCase()) !== -1;
    });
  }
  function codes(boxes) { return boxes.map(function (box) { return box.value; }); }
  var columns = codes(chosen("k")), rows = chosen("t");
  var rules = [];
  var notChosen = columns.map(function (slug) { return ':not([data-col="' + CSS.escape(slug) + '"])'; }).join("");
  if (params.has("k")) rules.push("table.matrix [data-col]" + notChosen + " { display: none !important; }");
  if (params.has("t")) {
    var rowCodes = codes(rows);
    rules.push("table.matrix tr[data-row]" + rowCodes.map(function (id) { return ':not([data-row="' + CSS.escape(id) + '"])'; }).join("") + " { display: none !important; }");
  }
  if (params.get("d") === "1" && !form.hasAttribute("data-source")) {
    rows.forEach(function (box) {
      var gaps = (box.getAttribute("data-gaps") || "").split(" ");
      var missing = columns.filter(function (slug) { return gaps.indexOf(slug) !== -1; }).length;
      if (columns.length && (missing === 0 || missing === columns.length)) {
        rules.push('table.matrix tr[data-row="' + CSS.escape(box.value) + '"] { display: none !important; }');
      }
    });
  }
  if (columns.length === 1) rules.push("table.matrix .matrix-gap__others { display: block; }");
  if (!rules.length) return;
  var sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join("\n"));
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  document.addEventListener("DOMContentLoaded", function () {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (other) { return other !== sheet; });
  });
})();
