/* Search (Pagefind) in a modal dialog: overrides/partials/search.html.
   - The header's search button, or "/" anywhere outside a text field, opens the dialog and puts
     the focus in the search field; Escape or the close button closes it, and the focus goes back
     to the search button. Following a result closes it too (a rule on the same page is only an
     anchor). What is typed while Pagefind's interface loads is searched for when it has loaded.
   - Pagefind's own interface (pagefind/pagefind-ui.js, written by the build next to the index) is
     loaded the first time the dialog opens, from this site only. It picks its strings and the
     index of the page's language form by <html lang> (nb, nn).
   - Question words (data/ui.yml: search_stop_words) are left out of the query.
   - A result per rule: Pagefind makes sub-results from headings with an id; a rule is a list item
     or paragraph with an id (frogn-13). processResult turns the hits inside each rule into a
     sub-result that links to the rule's permalink, the rules with most hits first. */
(function () {
  "use strict";

  var root = document.querySelector(".site-search");
  if (!root) return;
  var opener = root.querySelector(".site-search__open");
  var dialog = root.querySelector("dialog");
  var container = root.querySelector(".site-search__ui");
  var closer = root.querySelector(".site-search__close");
  var bundle = new URL(container.getAttribute("data-bundle"), window.location.href).href;
  var ruleTitle = container.getAttribute("data-rule-title");
  var stopWords = container.getAttribute("data-stop-words").split(" ");
  var RULE = /^[a-z0-9-]+-\d+$/, MAX_SUB_RESULTS = 3, EXCERPT_WORDS = 30;
  var loading = null, ui = null, typed = "";

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The words [start, end) of a rule with its hits marked; a window around the first hit. */
  function excerpt(words, start, end, hits) {
    var from = Math.max(start, Math.min(hits[0] - 5, end - EXCERPT_WORDS));
    var to = Math.min(end, from + EXCERPT_WORDS);
    var marked = {};
    hits.forEach(function (hit) { marked[hit] = true; });
    var out = [];
    for (var i = from; i < to; i++) {
      out.push(marked[i] ? "<mark>" + escapeHtml(words[i]) + "</mark>" : escapeHtml(words[i]));
    }
    return (from > start ? "… " : "") + out.join(" ") + (to < end ? " …" : "");
  }

  function ruleSubResults(result) {
    var anchors = (result.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var words = result.content.split(/\s+/);
    var page = result.url.split("#")[0];
    var found = [];
    anchors.forEach(function (anchor, index) {
      if (!RULE.test(anchor.id) || (anchor.element !== "li" && anchor.element !== "p")) return;
      var end = index + 1 < anchors.length ? anchors[index + 1].location : words.length;
      var hits = result.locations.filter(function (at) { return at >= anchor.location && at < end; });
      if (!hits.length) return;
      found.push({
        title: ruleTitle.replace("{id}", anchor.id),
        url: page + "#" + anchor.id,
        excerpt: excerpt(words, anchor.location, end, hits),
        locations: hits,
        anchor: anchor
      });
    });
    return found.sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, MAX_SUB_RESULTS);
  }

  /* Pagefind finds only pages that hold every word of the query: leave out the words of a question
     ("kan jeg … en …") unless nothing else is left. */
  function processTerm(term) {
    var words = term.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return stopWords.indexOf(word.toLowerCase()) === -1; });
    return (kept.length ? kept : words).join(" ");
  }

  function processResult(result) {
    var rules = ruleSubResults(result);
    if (rules.length) result.sub_results = rules;
    return result;
  }

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = bundle + "pagefind-ui.js";
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      /* global PagefindUI */
      ui = new PagefindUI({
        element: container,
        bundlePath: bundle,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        processTerm: processTerm,
        processResult: processResult
      });
      if (typed) ui.triggerSearch(typed);
    });
    return loading;
  }

  function focusField() {
    var field = container.querySelector("input");
    if (!field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }

  /* What the reader types before Pagefind's interface has loaded is kept and searched for. */
  dialog.addEventListener("keydown", function (event) {
    if (ui || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) typed += event.key;
    else if (event.key === "Backspace") typed = typed.slice(0, -1);
    else return;
    event.preventDefault();
  });

  function open() {
    if (!dialog.open) dialog.showModal();
    focusField();
    load().then(focusField);
  }

  opener.addEventListener("click", open);
  closer.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () { opener.focus(); });
  /* A click on the backdrop (outside the dialog's box) closes it. */
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  container.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a[href]")) dialog.close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    var target = event.target;
    if (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName)) return;
    event.preventDefault();
    open();
  });
})();
