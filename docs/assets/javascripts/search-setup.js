/* Search set-up, run before Material's bundle starts its search (overrides/main.html loads this file
   synchronously right after Material's <script id="__config">). A file rather than an inline script
   so that the site runs under Content-Security-Policy: script-src 'self'.
   1. Search per language form: hooks/search_split.py writes one index per language root. Material's
      search loads <base>/search/search_index.json; on a page of another language form than nb, the
      script tag's data-search-root (e.g. "nn") points that base at the language's own root.
   2. Load the search index when the reader starts searching, not with every page: at national scale
      it is the largest download of the site. Material fetches it with XMLHttpRequest as soon as the
      page loads; hold that request back until the search field gets focus (click, "/", "s", "f" all
      focus it) or the address asks for a search (?q=). */
(function () {
  "use strict";

  /* 1. Point the search at this language form's index. */
  var root = document.currentScript.getAttribute("data-search-root");
  if (root) {
    var node = document.getElementById("__config");
    var config = JSON.parse(node.textContent);
    config.base = config.base.replace(/\/?$/, "/" + root + "/");
    node.textContent = JSON.stringify(config);
  }

  /* 2. Hold back the index request until the reader starts searching. */
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], active = false;
  function activate() {
    if (active) return;
    active = true;
    held.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.searchIndex && !active) {
      held.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) activate();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") activate();
  });
  if (/[?&]q=/.test(window.location.search)) activate();
})();
