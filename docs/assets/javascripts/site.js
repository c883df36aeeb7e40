/* Progressive enhancements; every page works without them.
   1. Rule permalinks (¶) copy the rule's address when clicked, and still jump to the rule.
   2. The comparison picker on the matrix page: choose municipalities and topics; the choice is
      kept in the address (?k=loten,alta&t=bilete) so it can be shared and survives a reload.
   3. Printed topic and rule links show their full address. */
(function () {
  "use strict";

  var announce = window.siteDom.announce;  /* dom.js */

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

  /* 3. Print: links to topics and rules show their target on paper (site.css, @media print);
     give the CSS the full address, not the relative href. */
  document.querySelectorAll("a.rule-topic, a.matrix-rule__id").forEach(function (link) {
    link.setAttribute("data-print-url", link.href);
  });

  /* 4. The menu button (narrow screens, overrides/partials/header.html): a button in place of
     Material's label for the drawer's hidden checkbox, which only a pointer can use. It opens and
     closes the drawer, aria-expanded says which, opening it from the keyboard moves the focus into it, Escape closes it and gives the focus back to the button, and the focus leaving the
     drawer closes it (the page behind it is covered). */
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector("button.md-header__menu");
  if (drawer && menu) {
    var sidebar = document.querySelector(".md-sidebar--primary");
    var sync = function () {
      menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
      if (sidebar) reach();
    };
    /* 5. Inside the drawer (narrow screens), Material shows one panel at a time: a section's panel
       slides over its parent, folded panels wait out of sight. Only the panel in sight can be
       reached (WCAG 2.4.3, 2.4.7): everything else in the drawer is inert while it is open. A
       section's entry is a button that opens its panel (Material leaves the top sections out of
       the tab order, as a wide screen shows them open), and a panel's title is a button «Tilbake
       frå …» that goes back up; either way the focus goes along. */
    var narrow = window.matchMedia("(max-width: 76.234375em)");
    var primary = sidebar && sidebar.querySelector("nav.md-nav--primary");
    var made = [];  /* the inert marks and attributes set here, taken away on a wide screen */
    var firstControl = function (root) {
      return Array.prototype.find.call(root.querySelectorAll("a[href], label[tabindex='0'], input:not([type=checkbox]), button"), function (node) {
        return !node.closest("[inert]") && node.getClientRects().length > 0;
      });
    };
    var childPanel = function (item) {
      var toggle = item.querySelector(":scope > input.md-nav__toggle");
      var nav = item.querySelector(":scope > nav.md-nav");
      return toggle && nav && toggle.checked ? nav : null;
    };
    var openPanel = function () {  /* the deepest panel whose toggles from the top are all checked */
      var panel = primary;
      for (;;) {
        var list = panel.querySelector(":scope > .md-nav__list");
        var next = null;
        if (list) Array.prototype.forEach.call(list.children, function (item) { next = next || childPanel(item); });
        if (!next) return panel;
        panel = next;
      }
    };
    var reach = function () {
      made.forEach(function (node) { node.inert = false; });
      made = [];
      if (!primary || !narrow.matches || !drawer.checked) return;
      var panel = openPanel();
      var hide = function (node) { if (!node.inert) { node.inert = true; made.push(node); } };
      for (var node = panel; node && node !== primary.parentNode; node = node.parentNode) {
        Array.prototype.forEach.call(node.parentNode.children, function (sibling) {
          if (sibling !== node && !sibling.matches("input.md-nav__toggle")) hide(sibling);
        });
      }
      panel.querySelectorAll("nav.md-nav").forEach(hide);  /* folded panels inside it */
    };
    var panels = function () {
      if (!primary) return;
      var labels = primary.querySelectorAll("label.md-nav__link[for], label.md-nav__title[for]");
      var setUp = function () {
        labels.forEach(function (label) {
          var toggle = document.getElementById(label.getAttribute("for"));
          if (!toggle || toggle === drawer) return;
          if (!label.hasAttribute("data-tabindex")) label.setAttribute("data-tabindex", label.getAttribute("tabindex") || "");
          if (!narrow.matches) {  /* a wide screen: as Material made it */
            var was = label.getAttribute("data-tabindex");
            if (was) label.setAttribute("tabindex", was); else label.removeAttribute("tabindex");
            ["role", "aria-label", "aria-expanded"].forEach(function (name) { label.removeAttribute(name); });
            return;
          }
          label.setAttribute("tabindex", "0");
          label.setAttribute("role", "button");
          var item = label.closest(".md-nav__item");
          var name = item && item.querySelector(":scope > .md-nav__link, :scope > .md-nav__container > a");
          var title = (name && name.textContent.trim()) || label.textContent.trim();
          if (label.classList.contains("md-nav__title")) {
            label.setAttribute("aria-label", (menu.getAttribute("data-back") || "{title}").replace("{title}", label.textContent.trim()));
          } else {
            label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
            if (!label.textContent.trim()) label.setAttribute("aria-label", (menu.getAttribute("data-open") || "{title}").replace("{title}", title));
          }
        });
        reach();
      };
      setUp();
      narrow.addEventListener("change", setUp);
      primary.addEventListener("keydown", function (event) {  /* Material clicks a label on Enter, not on Space */
        var label = event.target.closest("label[for][role=button]");
        if (!label || event.key !== " ") return;
        event.preventDefault();
        label.click();
      });
      primary.addEventListener("change", function (event) {
        var toggle = event.target;
        if (!toggle.matches || !toggle.matches("input.md-nav__toggle") || !narrow.matches) return;
        var entry = primary.querySelector('label.md-nav__link[for="' + toggle.id + '"]');
        if (entry && entry.hasAttribute("aria-expanded")) entry.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        reach();
        if (!drawer.checked) return;
        var nav = toggle.parentNode.querySelector(":scope > nav.md-nav");
        var target = toggle.checked ? nav && nav.querySelector(":scope > label.md-nav__title[role=button]") : entry;
        if (target) target.focus({ preventScroll: true });
      });
    };
    var setDrawer = function (open) {
      if (drawer.checked === open) return;
      drawer.checked = open;
      drawer.dispatchEvent(new Event("change", { bubbles: true }));  /* Material listens to it */
      sync();
    };
    menu.addEventListener("click", function (event) {
      setDrawer(!drawer.checked);
      var first = drawer.checked && event.detail === 0 && sidebar && firstControl(sidebar);
      if (first) first.focus({ preventScroll: true });  /* detail 0: Enter or Space, not a pointer */
    });
    drawer.addEventListener("change", sync);
    panels();
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      setDrawer(false);
      menu.focus();
    });
    document.addEventListener("focusin", function (event) {
      if (!drawer.checked || event.target === menu || (sidebar && sidebar.contains(event.target))) return;
      setDrawer(false);
    });
    sync();
  }

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

  /* The address's choice (matrix-address.js): the boxes as options by their code and label. */
  var address = window.matrixAddress;
  function options(param) {
    return boxes(param).map(function (box) { return { value: box.value, label: box.parentNode.textContent }; });
  }

  /* Codes in the address that match nothing are named, not silently dropped. */
  function readUrl() {
    var unknown = form.querySelector(".matrix-picker__unknown");
    var messages = [];
    ["k", "t"].forEach(function (param) {
      var choice = address.readChoice(window.location.search, param, options(param));
      if (choice === null) return;
      boxes(param).forEach(function (box) { box.checked = choice.values.indexOf(box.value) !== -1; });
      var missing = choice.missing.map(function (code) { return "«" + code + "»"; });
      if (missing.length) messages.push(unknown.getAttribute("data-template-" + param).replace("{codes}", function () { return missing.join(", "); }));
    });
    unknown.textContent = messages.join(" ");
    unknown.hidden = !messages.length;
  }

  function writeUrl() {
    var query = address.writeQuery(window.location.search, { k: chosen("k"), t: chosen("t") }, { k: defaults("k"), t: defaults("t") });
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  /* The view without any choice: all topics; all municipalities, or the first few when there are
     many (data-default-k). */
  function defaults(param) {
    if (param === "k") return form.getAttribute("data-default-k").split(",").filter(Boolean);
    return boxes(param).map(function (box) { return box.value; });
  }

  /* Many municipalities: only some columns are in the page; load the others' rules on demand from
     data/kommunar/<slug>.json and add their columns. */
  var source = form.getAttribute("data-source");
  var i18n = source ? JSON.parse(form.getAttribute("data-i18n")) : null;
  var root = form.getAttribute("data-root") || "";

  var element = window.siteDom.element;  /* dom.js */

  function ruleQuote(rule) {
    var box = element("div", { "class": "matrix-rule", "data-rule": rule.id });
    var p = element("p");
    p.appendChild(element("a", { "class": "matrix-rule__id", href: root + rule.url }, rule.id));
    p.appendChild(document.createTextNode(" " + rule.text));
    box.appendChild(p);
    return box;
  }

  /* The municipality's name, marked once when its rules are machine translated (as matrix.html). */
  function nameInto(node, doc, text) {
    node.appendChild(text);
    var translated = doc.rules.filter(function (rule) { return rule.original_language; })[0];
    if (!translated) return node;
    node.appendChild(document.createTextNode(" "));
    node.appendChild(element("span", { "class": "mt-badge" },
      "(" + i18n.machine_translated_from.replace("{lang}", i18n.language_name[translated.original_language]) + ")"));
    return node;
  }

  /* The column already in the table that a new column must stand before, keeping the table's
     alphabetical order (data-order) whatever order the data arrives in. */
  function nextColumn(slug) {
    var order = form.getAttribute("data-order").split(",");
    var mine = order.indexOf(slug), best = null, bestIndex = Infinity;
    table.querySelectorAll("thead th[data-col]").forEach(function (th) {
      var index = order.indexOf(th.getAttribute("data-col"));
      if (index > mine && index < bestIndex) { best = th.getAttribute("data-col"); bestIndex = index; }
    });
    return best;
  }

  function place(row, cell, before) {
    var anchor = before && row.querySelector('[data-col="' + before + '"]');
    if (anchor) row.insertBefore(cell, anchor); else row.appendChild(cell);
  }

  function addColumn(doc) {
    if (table.querySelector('th[data-col="' + doc.slug + '"]')) return;
    var before = nextColumn(doc.slug);
    var head = nameInto(element("th", { scope: "col", "data-col": doc.slug }), doc, element("a", { href: root + doc.url }, doc.municipality));
    place(table.querySelector("thead tr"), head, before);
    table.querySelectorAll("tbody tr[data-row]").forEach(function (row) {
      var topic = row.getAttribute("data-row");
      var rules = doc.rules.filter(function (rule) { return rule.topics.indexOf(topic) !== -1; });
      var cell = element("td", { "data-col": doc.slug });
      cell.appendChild(nameInto(element("p", { "class": "matrix-cell__name" }), doc, document.createTextNode(doc.municipality)));
      if (rules.length) rules.forEach(function (rule) { cell.appendChild(ruleQuote(rule)); });
      else {
        cell.className = "is-gap";
        cell.appendChild(element("p", { "class": "matrix-gap" }, i18n.not_addressed));
      }
      place(row, cell, before);
    });
  }

  var loading = {};
  function load(slugs) {
    var missing = slugs.filter(function (slug) {
      return !table.querySelector('th[data-col="' + slug + '"]') && !loading[slug];
    });
    return Promise.all(missing.map(function (slug) {
      loading[slug] = fetch(source + slug + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (doc) {
        addColumn(doc);
        filter();
      }, function () {
        /* Could not load: take the municipality out of the choice rather than show a blank. */
        boxes("k").forEach(function (box) { if (box.value === slug) box.checked = false; });
        writeUrl();
        filter();
      }).finally(function () { delete loading[slug]; });
      return loading[slug];
    }));
  }

  function apply() {
    var columns = chosen("k");
    if (source) {
      load(columns).then(filter, filter);
    } else {
      filter();
    }
  }

  function filter() {
    var columns = chosen("k"), rows = chosen("t");
    table.querySelectorAll("[data-col]").forEach(function (cell) {
      cell.hidden = columns.indexOf(cell.getAttribute("data-col")) === -1;
    });
    table.querySelectorAll("tr[data-row]").forEach(function (row) {
      row.hidden = rows.indexOf(row.getAttribute("data-row")) === -1;
    });
    /* One municipality: its gaps say what the others say and whom to ask (matrix.html). */
    table.classList.toggle("is-single", columns.length === 1);
    writeStatus();
  }

  /* What the table shows: the rows neither unchosen nor hidden as alike by matrix-differ.js,
     which says when it has looked at them again. */
  function writeStatus() {
    var columns = chosen("k");
    var rows = Array.prototype.filter.call(table.querySelectorAll("tbody tr[data-row]"), function (row) {
      return !row.hidden && !row.classList.contains("is-alike");
    });
    status.textContent = status.getAttribute(columns.length === 1 ? "data-template-one" : "data-template")
      .replace("{topics}", rows.length).replace("{municipalities}", columns.length);
  }
  table.addEventListener("matrix-differ", writeStatus);

  /* "Download what is shown": one line per rule (or gap) of each chosen municipality in each topic
     shown, as the reader sees the table; headers and topic names in the page's language form,
     rule addresses absolute (the browser resolves them), semicolons and a byte-order mark for a
     spreadsheet in a Norwegian locale, and every cell that a spreadsheet would read as a formula
     (= + - @ | %, tab, return, line feed, and their full-width forms: as export/__init__.py's
     FORMULA_START, after NFKC) prefixed with an apostrophe; control characters become spaces. */
  var FORMULA = /^[=+\-@\t\r\n|%]/;
  function csvCell(value) {
    var text = String(value === null || value === undefined ? "" : value).replace(/\p{Cc}/gu, " ").replace(/\p{Cf}/gu, "").replace(/\s+/g, " ").trim();
    if (FORMULA.test(text.slice(0, 1).normalize("NFKC"))) text = "'" + text;
    return /[";\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function ruleText(paragraph) {
    var copy = paragraph.cloneNode(true);
    copy.querySelectorAll("a.matrix-rule__id, button, .visually-hidden, .rule-changed").forEach(function (node) { node.remove(); });
    return copy.textContent;
  }
  /* The rows of "what is shown": the header, then one row per rule (or gap) of each chosen
     municipality in each topic shown, as plain text (the CSV and the workbook are made from them). */
  function selectionRows(button) {
    var rows = [JSON.parse(button.getAttribute("data-headers"))];
    var heads = Array.prototype.filter.call(table.querySelectorAll("thead th[data-col]"), function (th) { return !th.hidden; });
    var shownRows = Array.prototype.filter.call(table.querySelectorAll("tbody tr[data-row]"), function (row) {
      return !row.hidden && !row.classList.contains("is-alike");
    });
    heads.forEach(function (th) {
      var slug = th.getAttribute("data-col");
      var name = (th.querySelector("a") || th).textContent.trim();
      shownRows.forEach(function (row) {
        var topic = row.querySelector("th a").textContent.trim();
        var td = row.querySelector('td[data-col="' + slug + '"]');
        if (!td) return;
        var quotes = td.querySelectorAll(".matrix-rule");
        if (!quotes.length) rows.push([name, th.getAttribute("data-number"), topic, "", button.getAttribute("data-gap"), ""]);
        quotes.forEach(function (quote) {
          var id = quote.querySelector("a.matrix-rule__id");
          rows.push([name, th.getAttribute("data-number"), topic, id.textContent, ruleText(quote.querySelector("p")).replace(/\s+/g, " ").trim(), id.href]);
        });
      });
    });
    return rows;
  }
  function selectionCsv(button) {
    return "\ufeff" + selectionRows(button).map(function (cells) { return cells.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
  }
  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = element("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  var download = form.querySelector('[data-action="download"]');
  if (download) download.addEventListener("click", function () {
    save(new Blob([selectionCsv(download)], { type: "text/csv;charset=utf-8" }), download.getAttribute("data-file"));
  });
  /* The same rows as a workbook (xlsx.js): cells that are text whatever they start with, the
     addresses as links, the header in bold and kept in view. */
  var workbookButton = form.querySelector('[data-action="download-xlsx"]');
  if (workbookButton && download && window.SiteXlsx) workbookButton.addEventListener("click", function () {
    var bytes = window.SiteXlsx.workbook(selectionRows(download), { links: 5, wrap: 4, widths: [16, 14, 32, 14, 90, 50], sheet: workbookButton.getAttribute("data-sheet") });
    save(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), workbookButton.getAttribute("data-file"));
  });

  form.addEventListener("change", function () { writeUrl(); apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelectorAll('[data-action="all"], [data-action="none"]').forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("data-action") === "all";
      boxes(button.getAttribute("data-param")).forEach(function (box) { box.checked = on; });
      writeUrl(); apply();
    });
  });
  form.querySelector('[data-action="reset"]').addEventListener("click", function () {
    ["k", "t"].forEach(function (param) {
      var initial = defaults(param);
      boxes(param).forEach(function (box) { box.checked = initial.indexOf(box.value) !== -1; });
    });
    writeUrl(); apply();
  });
  readUrl();
  /* matrix-early.js has shown the form and opened its choices where there is room (folded on a
     phone, where they would take the screen). */
  apply();
})();
