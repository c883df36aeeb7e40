/* The language switch (overrides/partials/alternate.html) keeps the reader's place: following a
   link to the other language form carries this page's query string (the matrix choice, ?k=…&t=…)
   and anchor (#frogn-13; both forms have the same rule ids). The address is read when the link is
   used, not when the page loads: the matrix picker changes it in place. Without JavaScript the
   links still lead to the same page. */
(function () {
  "use strict";

  function carryPlace(event) {
    var link = event.target.closest && event.target.closest("a.language-switch__link");
    if (!link) return;
    var target = new URL(link.href);
    target.search = window.location.search;
    target.hash = window.location.hash;
    link.href = target.href;
  }

  /* Before the browser follows the link (click, Enter, middle click) or copies it (context menu). */
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, carryPlace, true);
  });
})();
