/* The language switch (overrides/partials/alternate.html) keeps the reader's place: following a
   link to the other language form carries this page's query string (the matrix choice, ?k=…&t=…)
   and anchor (#frogn-13; both forms have the same rule ids). The address is read when the link is
   used, not when the page loads: the matrix picker changes it in place. Without an anchor, the
   place on the page goes along too: the element with an id nearest the top of the window (a
   rule, a heading, a section; both forms share most of them) and where it was, or else how far
   down the page, kept in sessionStorage for the next page only (no inline
   script: this file restores it on the other form's page). Without JavaScript the links still
   lead to the same page. */
(function () {
  "use strict";
  var KEY = "language-switch-place";

  function headerHeight() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().height : 0;
  }

  /* The element with an id in the content nearest to the top of the window (just under the
     header), above or below it. */
  function anchorAtTop() {
    var top = headerHeight(), best = null, distance = Infinity;
    document.querySelectorAll("article [id]").forEach(function (element) {
      var box = element.getBoundingClientRect();
      if (box.height <= 0 || box.bottom < top || box.top > window.innerHeight) return;
      var away = Math.abs(box.top - top);
      if (away < distance) { best = element; distance = away; }
    });
    return best;
  }

  function rememberPlace(target) {
    if (window.location.hash || window.scrollY < 1) return;
    var anchor = anchorAtTop();
    var height = document.documentElement.scrollHeight - window.innerHeight;
    var place = {
      path: target.pathname,
      fraction: height > 0 ? window.scrollY / height : 0,
      id: anchor ? anchor.id : null,
      offset: anchor ? anchor.getBoundingClientRect().top : 0
    };
    try { window.sessionStorage.setItem(KEY, JSON.stringify(place)); } catch (error) { /* storage refused: the link still works */ }
  }

  function carryPlace(event) {
    var link = event.target.closest && event.target.closest("a.language-switch__link");
    if (!link) return;
    var target = new URL(link.href);
    target.search = window.location.search;
    target.hash = window.location.hash;
    link.href = target.href;
    if (event.type === "click") rememberPlace(target);
  }

  /* Before the browser follows the link (click, Enter, middle click) or copies it (context menu). */
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, carryPlace, true);
  });

  /* On the other form's page: back to the same place, once. */
  var saved = null;
  try {
    saved = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    window.sessionStorage.removeItem(KEY);
  } catch (error) { saved = null; }
  if (!saved || saved.path !== window.location.pathname || window.location.hash) return;
  function restore() {
    var anchor = saved.id && document.getElementById(saved.id);
    if (anchor) {
      window.scrollTo(0, window.scrollY + anchor.getBoundingClientRect().top - saved.offset);
    } else {
      window.scrollTo(0, saved.fraction * (document.documentElement.scrollHeight - window.innerHeight));
    }
  }
  if (document.readyState === "complete") restore();
  else window.addEventListener("load", restore);
})();
