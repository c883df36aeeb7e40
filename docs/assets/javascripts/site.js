/* Progressive enhancements; every page works without them.
   1. Rule permalinks (¶) copy the rule's address when clicked, and still jump to the rule.
   2. The comparison picker on the matrix page: choose municipalities and topics; the choice is
      kept in the address (?k=loten,alta&t=bilete) so it can be shared and survives a reload. */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("site-announcer");
    if (!region) {
      region = document.createElement("div");
      region.id = "site-announcer";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.rule-permalink");
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(function () {
      link.classList.add("is-copied");
      var template = document.querySelector("[data-copied-template]");
      var id = link.getAttribute("href").slice(1);
      if (template) announce(template.getAttribute("data-copied-template").replace("{id}", id));
      window.setTimeout(function () { link.classList.remove("is-copied"); }, 2000);
    }, function () { /* clipboard refused: the link still works */ });
  });

  var form = document.querySelector("form.matrix-picker");
  if (!form) return;
  var table = document.querySelector("table.matrix");
  var status = form.querySelector(".matrix-picker__status");

  function boxes(param) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + param + '"]'));
  }
  function chosen(param) {
    return boxes(param).filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    ["k", "t"].forEach(function (param) {
      var value = params.get(param);
      if (value === null) return;
      var wanted = value.split(",").filter(Boolean);
      boxes(param).forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
    });
  }

  function writeUrl() {
    var params = new URLSearchParams(window.location.search);
    ["k", "t"].forEach(function (param) {
      var all = boxes(param).length, values = chosen(param);
      if (values.length === all) params.delete(param); else params.set(param, values.join(","));
    });
    var query = params.toString().replace(/%2C/g, ",");
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function apply() {
    var columns = chosen("k"), rows = chosen("t");
    table.querySelectorAll("[data-col]").forEach(function (cell) {
      cell.hidden = columns.indexOf(cell.getAttribute("data-col")) === -1;
    });
    table.querySelectorAll("tr[data-row]").forEach(function (row) {
      row.hidden = rows.indexOf(row.getAttribute("data-row")) === -1;
    });
    status.textContent = status.getAttribute("data-template")
      .replace("{topics}", rows.length).replace("{municipalities}", columns.length);
  }

  form.addEventListener("change", function () { writeUrl(); apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector('[data-action="reset"]').addEventListener("click", function () {
    boxes("k").concat(boxes("t")).forEach(function (box) { box.checked = true; });
    writeUrl(); apply();
  });
  readUrl();
  form.hidden = false;
  apply();
})();
