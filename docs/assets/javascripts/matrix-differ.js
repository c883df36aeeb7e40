/* The matrix's "only where they differ" option: with it ticked (and ?d=1 in the address), a topic
   row is hidden when every chosen municipality is alike on it — all address the topic, or none
   does. Works beside site.js's picker: it re-checks the rows whenever the picker shows or hides
   cells or loads columns. Without JavaScript the option is not shown and the full table stays. */
(function () {
  "use strict";
  var box = document.getElementById("matrix-differ");
  var table = document.querySelector("table.matrix");
  if (!box || !table) return;
  var status = document.getElementById("matrix-differ-status");
  var option = box.closest(".matrix-differ");

  function visible(cell) { return !cell.hidden; }

  function update() {
    var on = box.checked, same = 0;
    table.querySelectorAll("tbody tr[data-row]").forEach(function (row) {
      var cells = Array.prototype.filter.call(row.querySelectorAll("td[data-col]"), visible);
      var gaps = cells.filter(function (cell) { return cell.classList.contains("is-gap"); }).length;
      var alike = cells.length > 0 && (gaps === 0 || gaps === cells.length);
      row.classList.toggle("is-alike", on && alike);
      if (on && alike && !row.hidden) same += 1;
    });
    status.textContent = on ? status.getAttribute("data-template").replace("{n}", same) : "";
    table.dispatchEvent(new CustomEvent("matrix-differ"));  /* the picker's count of what is shown (site.js) */
  }

  function writeUrl() {
    var params = new URLSearchParams(window.location.search);
    if (box.checked) params.set("d", "1"); else params.delete("d");
    var query = params.toString().replace(/%2C/g, ",");
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }

  box.checked = new URLSearchParams(window.location.search).get("d") === "1";
  box.addEventListener("change", function () { writeUrl(); update(); });
  new MutationObserver(soon).observe(table, { attributes: true, attributeFilter: ["hidden"], subtree: true, childList: true });
  option.hidden = false;
  update();
})();
