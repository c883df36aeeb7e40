/* DOM helpers the site's scripts share (site.js, draft.js), loaded before them (mkdocs.yml,
   extra_javascript). Text goes in with textContent only, never as markup.
   - element(tag, attrs, text): a new element with these attributes and this text;
   - announce(text): says text in the page's one polite live region (#site-announcer), made on first use. */
(function () {
  "use strict";

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function announce(text) {
    var region = document.getElementById("site-announcer");
    if (!region) {
      region = element("div", { id: "site-announcer", "class": "visually-hidden", role: "status", "aria-live": "polite" });
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  window.siteDom = { element: element, announce: announce };
})();
