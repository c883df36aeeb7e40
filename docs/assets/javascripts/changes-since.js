/* What changed since a date, on the topic pages and the matrix (overrides/hooks/_macros.html,
   changes_since_form): the reader picks the date of a version, and every rule a version from that
   date on added or reworded (data-changed, render/history.py changes_since) shows its mark
   («Endra 2024-04-01»); the count says how many, in a polite live region. The choice is kept in the
   address (?sidan=<date>, the address's other parameters and its anchor kept), so it can be sent
   on. Until this script runs the form holds its place invisibly: nothing moves when it appears. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-changes-since]");
  if (!form) return;
  var select = form.querySelector("select");
  var count = form.querySelector(".changes-since__count");
  var PARAM = "sidan";

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function apply(date, announce) {
    var shown = 0;
    document.querySelectorAll(".matrix-rule[data-changed]").forEach(function (rule) {
      var changed = Boolean(date) && rule.getAttribute("data-changed") >= date;
      rule.classList.toggle("is-changed", changed);
      var mark = rule.querySelector(".rule-changed");
      if (mark) mark.hidden = !changed;
      if (changed && rule.getClientRects().length) shown += 1;
    });
    if (announce) {
      var template = shown === 0 ? "data-none" : shown === 1 ? "data-one" : "data-count";
      count.textContent = date ? say(form.getAttribute(template), { n: shown, date: date }) : "";
    }
  }

  function remember(date) {
    var params = new URLSearchParams(window.location.search);
    if (date) params.set(PARAM, date); else params.delete(PARAM);
    var query = params.toString();
    /* the path as one slash: «//matrise/» would be another host to replaceState */
    var path = window.location.pathname.replace(/^\/+/, "/");
    window.history.replaceState(window.history.state, "", path + (query ? "?" + query : "") + window.location.hash);
  }

  var asked = new URLSearchParams(window.location.search).get(PARAM) || "";
  if (Array.prototype.some.call(select.options, function (option) { return option.value === asked; })) select.value = asked;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  select.addEventListener("change", function () {
    remember(select.value);
    apply(select.value, true);
  });
  apply(select.value, true);
  form.classList.add("is-ready");
})();
