/* The draft builder. A progressive enhancement: nothing is sent anywhere, the draft is kept in this
   browser only (localStorage, by rule id, the same in both language forms).
   1. Every rule (guideline pages, topic pages, matrix cells) gets a "Legg i utkastet" button
      (aria-pressed); the header shows "Utkast (n)", a link to the draft page.
   2. The draft page (overrides/hooks/draft.html): the chosen rules by topic in the order of
      data/topics.yml, in this page's language form, read from data/kommunar/<slug>.json; each with
      its source, its text editable, movable up and down, removable; the topics not yet covered.
   3. Downloads: .docx (the docx library, served from assets/vendor), Markdown in the site's page
      format (FORMAT.md) and print.
   Settings and strings come from <script type="application/json" id="draft-settings">
   (hooks/draft.py). Text from the site or the reader goes in with textContent only. */
(function () {
  "use strict";

  var settingsNode = document.getElementById("draft-settings");
  if (!settingsNode || !window.localStorage) return;
  var settings = JSON.parse(settingsNode.textContent);
  var ui = settings.ui;
  var scriptUrl = document.currentScript ? document.currentScript.src : "";
  var STORAGE_KEY = "municipal-guidelines.draft";
  var pageFormat = settings.rules;  /* the page format's patterns and limits, from render/draft.py */
  var ID = new RegExp(pageFormat.id);
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  var element = window.siteDom.element, announce = window.siteDom.announce;  /* dom.js */
  /* The draft as a page of the site (draft-markdown.js): pure functions, tested in Node. */
  var writer = window.draftMarkdown.create(settings);
  var format = writer.format, isText = writer.isText, validName = writer.validName, slugify = writer.slugify,
    toMarkdown = writer.toMarkdown;

  function hiddenText(text) {
    return element("span", { "class": "visually-hidden" }, text);
  }

  /* ---- The stored draft: { rules: [{id, topic?, text?}], meta: {title, municipality, number, county} } ---- */


  function loadDraft() {
    var data = null;
    try { data = JSON.parse(window.localStorage.getItem(STORAGE_KEY)); } catch (error) { data = null; }
    var rules = data && Array.isArray(data.rules) ? data.rules : [];
    var meta = data && data.meta && typeof data.meta === "object" ? data.meta : {};
    var seen = {};
    return {
      rules: rules.filter(function (item) {
        var ok = item && isText(item.id) && ID.test(item.id) && !seen[item.id];
        if (ok) seen[item.id] = true;
        return ok;
      }).map(function (item) {
        var clean = { id: item.id };
        if (isText(item.topic) && ID.test(item.topic)) clean.topic = item.topic;
        if (isText(item.text)) clean.text = item.text;
        return clean;
      }),
      meta: ["title", "municipality", "number", "county"].reduce(function (out, key) {
        if (isText(meta[key])) out[key] = meta[key];
        return out;
      }, {})
    };
  }

  function saveDraft(draft) {
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(draft)); } catch (error) { /* full or refused: the page still works */ }
  }

  function position(draft, id) {
    for (var i = 0; i < draft.rules.length; i += 1) if (draft.rules[i].id === id) return i;
    return -1;
  }

  /* ---- 1. The toggle on every rule and the count in the header ---- */

  function toggleButton(id, topic) {
    var button = element("button", { type: "button", "class": "draft-toggle", "data-draft-rule": id, "aria-pressed": "false" });
    if (topic) button.setAttribute("data-draft-topic", topic);
    button.appendChild(document.createTextNode(ui.draft_toggle));
    button.appendChild(hiddenText(" (" + id + ")"));
    return button;
  }

  /* Rules on guideline pages (.rule, the button joins its topic links) and quoted rules on topic
     pages and in the matrix (.matrix-rule, under the quote); the topic a quote stands under is the
     one the rule is filed under in the draft. */
  function addToggles(root) {
    // An earlier version of a guideline (its notice links to the current one): the draft takes
    // rules in force only, so its rules get no button.
    var earlier = document.querySelector(".version-notice") !== null;
    root.querySelectorAll(".md-typeset .rule[id]").forEach(function (rule) {
      if (earlier) return;
      var meta = rule.querySelector(":scope > .rule-meta");
      if (!ID.test(rule.id) || (meta || rule).querySelector(":scope > .draft-toggle")) return;
      (meta || rule).appendChild(toggleButton(rule.id, null));
    });
    root.querySelectorAll(".md-typeset .matrix-rule[data-rule]").forEach(function (quote) {
      var id = quote.getAttribute("data-rule");
      if (!ID.test(id) || quote.querySelector(":scope > .draft-toggle")) return;
      var context = quote.closest("[data-row], [data-topic]");
      var topic = context && (context.getAttribute("data-row") || context.getAttribute("data-topic"));
      var text = quote.querySelector(":scope > p");
      quote.insertBefore(toggleButton(id, topic), text ? text.nextSibling : quote.firstChild);
    });
  }

  var countLink = null;

  function addCount() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    countLink = element("a", { "class": "draft-count", href: settings.page });
    if (document.querySelector(".draft")) countLink.setAttribute("aria-current", "page");
    var search = header.querySelector(".md-search");
    header.insertBefore(countLink, search || null);
  }

  function showState() {
    var draft = loadDraft();
    if (countLink) countLink.textContent = format(ui.draft_count, { n: draft.rules.length });
    document.querySelectorAll(".draft-toggle").forEach(function (button) {
      var chosen = position(draft, button.getAttribute("data-draft-rule")) !== -1;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".draft-toggle");
    if (!button) return;
    var draft = loadDraft();
    var id = button.getAttribute("data-draft-rule");
    var at = position(draft, id);
    if (at === -1) {
      var item = { id: id };
      if (button.hasAttribute("data-draft-topic")) item.topic = button.getAttribute("data-draft-topic");
      draft.rules.push(item);
    } else {
      draft.rules.splice(at, 1);
    }
    saveDraft(draft);
    showState();
    announce(format(at === -1 ? ui.draft_added : ui.draft_removed, { id: id, n: draft.rules.length }));
  });

  addToggles(document);
  addCount();
  showState();
  window.addEventListener("storage", function (event) { if (event.key === STORAGE_KEY) showState(); });

  /* The large matrix adds columns on demand (site.js): their quotes get toggles too. */
  var matrix = document.querySelector("table.matrix");
  if (matrix && window.MutationObserver) {
    new MutationObserver(function () { addToggles(matrix); showState(); }).observe(matrix, { childList: true, subtree: true });
  }

  var page = document.querySelector(".draft");
  if (page) draftPage(page);

  /* ---- 2. The draft page ---- */

  function slugOf(ruleId) { return ruleId.replace(/-[a-z0-9]+$/, ""); }

  function download(blob, name) {
    var link = element("a", { href: URL.createObjectURL(blob), download: name, hidden: "" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  /* 3a. .docx: the docx library, loaded when a reader first asks for one (the document itself:
     draft-markdown.js, toDocx). */
  var docxLoading = null;
  function loadDocx() {
    if (window.docx) return Promise.resolve(window.docx);
    if (!docxLoading) {
      docxLoading = new Promise(function (resolve, reject) {
        var script = element("script", { src: new URL("../vendor/docx/index.iife.js", scriptUrl).href });
        script.onload = function () { resolve(window.docx); };
        script.onerror = function () { docxLoading = null; reject(new Error(script.src)); };
        document.head.appendChild(script);
      });
    }
    return docxLoading;
  }

  function draftPage(root) {
    var source = root.getAttribute("data-source");
    var siteRoot = root.getAttribute("data-root");
    var empty = root.querySelector(".draft-empty");
    var status = root.querySelector(".draft-status");
    var form = root.querySelector("form.draft-meta");
    var actions = root.querySelector(".draft-actions");
    var printTitle = root.querySelector(".draft-print-title");
    var sections = Array.prototype.slice.call(root.querySelectorAll("section.draft-topic"));
    var topics = sections.map(function (section) {
      return { id: section.getAttribute("data-topic"), label: section.querySelector("h2").textContent, section: section };
    });
    var topicById = {};
    topics.forEach(function (topic) { topicById[topic.id] = topic; });
    var rules = {}; // rule id -> {rule, municipality}, from the exports

    function setStatus(text) {
      status.textContent = text;
      status.hidden = !text;
    }

    function fetchMunicipality(slug) {
      return window.fetch(source + slug + ".json").then(function (response) {
        if (response.status === 404) return null; // a municipality no longer on the site
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      }).then(function (doc) {
        if (!doc || !Array.isArray(doc.rules)) return;
        // The version every rule of the file comes from (its date, YYYY-MM-DD), cited in the sources.
        var version = doc.version && DATE.test(String(doc.version.date)) ? String(doc.version.date) : "";
        doc.rules.forEach(function (rule) {
          if (isText(rule.id) && isText(rule.text)) rules[rule.id] = { rule: rule, municipality: String(doc.municipality), version: version };
        });
      });
    }

    /* The topic a chosen rule stands under: the one it was chosen from, else its first topic. */
    function placement(item) {
      var known = rules[item.id].rule.topics.filter(function (topic) { return topicById[topic]; });
      if (item.topic && known.indexOf(item.topic) !== -1) return item.topic;
      return known[0] || null;
    }

    function groups(draft) {
      var byTopic = {};
      draft.rules.forEach(function (item) {
        var topic = rules[item.id] && placement(item);
        if (topic) (byTopic[topic] = byTopic[topic] || []).push(item);
      });
      return topics.filter(function (topic) { return byTopic[topic.id]; }).map(function (topic) {
        return { topic: topic, items: byTopic[topic.id] };
      });
    }

    function toolButton(label, id, attrs) {
      var button = element("button", Object.assign({ type: "button", "class": "draft-tool" }, attrs), label);
      button.appendChild(hiddenText(" (" + id + ")"));
      return button;
    }

    function ruleItem(item, index, count) {
      var found = rules[item.id], rule = found.rule;
      var li = element("li", { "class": "draft-rule", "data-rule": item.id });
      var fieldId = "draft-text-" + item.id;
      li.appendChild(element("label", { "for": fieldId, "class": "draft-rule__label" }, format(ui.draft_text_label, { id: item.id })));
      var text = isText(item.text) ? item.text : rule.text;
      var area = element("textarea", { id: fieldId, rows: "4", "data-draft-text": item.id });
      area.value = text;
      li.appendChild(area);
      li.appendChild(element("p", { "class": "draft-rule__print" }, text));
      var sourceLine = element("p", { "class": "draft-rule__source" });
      var parts = format(ui.draft_source, { municipality: found.municipality }).split("{id}");
      sourceLine.appendChild(document.createTextNode(parts[0]));
      var link = element("a", { href: siteRoot + rule.url }, item.id);
      link.setAttribute("data-print-url", link.href); // on paper the full address (draft.css)
      sourceLine.appendChild(link);
      sourceLine.appendChild(document.createTextNode(parts.slice(1).join(item.id)));
      if (found.version) sourceLine.appendChild(document.createTextNode(" " + format(ui.draft_version_note, { date: found.version })));
      li.appendChild(sourceLine);
      if (isText(rule.original_text) && isText(rule.original_language)) {
        sourceLine.appendChild(document.createTextNode(" "));
        sourceLine.appendChild(element("span", { "class": "mt-badge" }, "(" + ui.machine_translated + ")"));
        var details = element("details", { "class": "matrix-rule__original" });
        details.appendChild(element("summary", {}, format(ui.show_original, { lang: ui.language_name[rule.original_language] || rule.original_language })));
        var quote = element("blockquote", { lang: rule.original_language });
        quote.appendChild(element("p", {}, rule.original_text));
        details.appendChild(quote);
        li.appendChild(details);
      }
      var tools = element("div", { "class": "draft-rule__tools" });
      var up = toolButton(ui.draft_move_up, item.id, { "data-draft-move": "-1" });
      var down = toolButton(ui.draft_move_down, item.id, { "data-draft-move": "1" });
      if (index === 0) up.setAttribute("aria-disabled", "true");
      if (index === count - 1) down.setAttribute("aria-disabled", "true");
      tools.appendChild(up);
      tools.appendChild(down);
      tools.appendChild(toolButton(ui.draft_remove, item.id, { "data-draft-remove": "" }));
      li.appendChild(tools);
      return li;
    }

    function render() {
      var draft = loadDraft();
      var chosen = draft.rules.filter(function (item) { return rules[item.id]; });
      var covered = {};
      chosen.forEach(function (item) { rules[item.id].rule.topics.forEach(function (topic) { covered[topic] = true; }); });
      topics.forEach(function (topic) {
        topic.section.hidden = true;
        topic.section.querySelector("ol").textContent = "";
      });
      groups(draft).forEach(function (group) {
        var list = group.topic.section.querySelector("ol");
        group.items.forEach(function (item, index) { list.appendChild(ruleItem(item, index, group.items.length)); });
        group.topic.section.hidden = false;
      });
      var missing = root.querySelectorAll(".draft-missing li[data-topic]");
      missing.forEach(function (li) { li.hidden = !!covered[li.getAttribute("data-topic")]; });
      root.querySelector(".draft-missing").hidden = missing.length > 0 && Object.keys(covered).filter(function (t) { return topicById[t]; }).length === topics.length;
      empty.hidden = chosen.length > 0;
      form.hidden = actions.hidden = chosen.length === 0;
      printTitle.textContent = draftTitle(draft);
      showState();
    }

    function draftTitle(draft) {
      var title = (draft.meta.title || "").trim();
      return title || ui.draft_title_default;
    }

    /* Move a rule up (-1) or down (1) among the rules under the same topic. */
    function move(id, step) {
      var draft = loadDraft();
      var group = groups(draft).filter(function (g) { return g.items.some(function (item) { return item.id === id; }); })[0];
      if (!group) return;
      var ids = group.items.map(function (item) { return item.id; });
      var from = ids.indexOf(id), to = from + step;
      if (to < 0 || to >= ids.length) return;
      var a = position(draft, id), b = position(draft, ids[to]);
      var swap = draft.rules[a];
      draft.rules[a] = draft.rules[b];
      draft.rules[b] = swap;
      saveDraft(draft);
      render();
      var again = root.querySelector('li[data-rule="' + id + '"] [data-draft-move="' + step + '"]');
      if (again && again.getAttribute("aria-disabled") === "true") again = root.querySelector('li[data-rule="' + id + '"] [data-draft-move="' + -step + '"]');
      if (again) again.focus();
      announce(format(ui.draft_moved, { id: id, position: to + 1, total: ids.length, topic: group.topic.label }));
    }

    function remove(id) {
      var items = Array.prototype.slice.call(root.querySelectorAll("li.draft-rule"));
      var at = items.map(function (li) { return li.getAttribute("data-rule"); }).indexOf(id);
      var neighbour = items[at + 1] || items[at - 1];
      var draft = loadDraft();
      draft.rules.splice(position(draft, id), 1);
      saveDraft(draft);
      render();
      var next = neighbour && root.querySelector('li[data-rule="' + neighbour.getAttribute("data-rule") + '"] [data-draft-remove]');
      if (next) next.focus();
      else { empty.setAttribute("tabindex", "-1"); empty.focus(); }
      announce(format(ui.draft_removed, { id: id, n: draft.rules.length }));
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || button.getAttribute("aria-disabled") === "true") return;
      var li = button.closest("li.draft-rule");
      if (button.hasAttribute("data-draft-move")) move(li.getAttribute("data-rule"), Number(button.getAttribute("data-draft-move")));
      else if (button.hasAttribute("data-draft-remove")) remove(li.getAttribute("data-rule"));
      else if (button.getAttribute("data-draft-action") === "print") window.print();
      else if (button.getAttribute("data-draft-action") === "markdown") download(new Blob([toMarkdown(collect())], { type: "text/markdown;charset=utf-8" }), fileSlug() + "." + settings.lang + ".md");
      else if (button.getAttribute("data-draft-action") === "docx") downloadDocx(button);
    });

    root.addEventListener("input", function (event) {
      var field = event.target;
      var draft = loadDraft();
      if (field.hasAttribute("data-draft-text")) {
        var id = field.getAttribute("data-draft-text");
        var item = draft.rules[position(draft, id)];
        if (!item) return;
        if (field.value === rules[id].rule.text) delete item.text; else item.text = field.value;
        field.parentNode.querySelector(".draft-rule__print").textContent = field.value;
      } else if (field.form === form) {
        draft.meta[field.name] = field.value;
        printTitle.textContent = draftTitle(draft);
      } else {
        return;
      }
      saveDraft(draft);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    /* The draft as the downloads see it: groups of rules with their sources, empty texts left out. */
    function collect() {
      var draft = loadDraft();
      return {
        title: draftTitle(draft),
        meta: draft.meta,
        groups: groups(draft).map(function (group) {
          return {
            label: group.topic.label,
            rules: group.items.map(function (item) {
              var found = rules[item.id], rule = found.rule;
              var text = isText(item.text) ? item.text : rule.text;
              return {
                id: item.id,
                text: text,
                topics: rule.topics.filter(function (topic) { return ID.test(topic); }),
                municipality: found.municipality,
                version: found.version,
                url: new URL(siteRoot + rule.url, window.location.href).href,
                translatedFrom: isText(rule.original_text) ? rule.original_language : null,
                edited: isText(item.text) && item.text !== rule.text
              };
            }).filter(function (rule) { return rule.text.trim(); })
          };
        }).filter(function (group) { return group.rules.length; })
      };
    }

    function fileSlug() {
      var name = validName(loadDraft().meta.municipality);
      return slugify(name || ui.draft_placeholder_municipality) || "utkast";
    }

    function downloadDocx(button) {
      button.setAttribute("aria-busy", "true");
      loadDocx().then(function (d) {
        return d.Packer.toBlob(writer.toDocx(d, collect()));
      }).then(function (blob) {
        download(blob, fileSlug() + ".docx");
      }, function (error) {
        setStatus(format(ui.draft_load_failed, { error: error.message }));
      }).then(function () { button.removeAttribute("aria-busy"); });
    }

    /* Start: the form from the stored draft, the rules from the exports of their municipalities. */
    var stored = loadDraft();
    ["title", "municipality", "number", "county"].forEach(function (name) {
      if (isText(stored.meta[name])) form.elements[name].value = stored.meta[name];
    });
    var slugs = stored.rules.map(function (item) { return slugOf(item.id); }).filter(function (slug, i, all) { return all.indexOf(slug) === i; });
    if (!slugs.length) { render(); return; }
    setStatus(ui.draft_loading);
    Promise.all(slugs.map(fetchMunicipality)).then(function () {
      var draft = loadDraft();
      var gone = draft.rules.filter(function (item) { return !rules[item.id]; }).map(function (item) { return item.id; });
      if (gone.length) {
        draft.rules = draft.rules.filter(function (item) { return rules[item.id]; });
        saveDraft(draft);
      }
      setStatus(gone.length ? format(ui.draft_gone, { ids: gone.join(", ") }) : "");
      render();
    }, function (error) {
      setStatus(format(ui.draft_load_failed, { error: error.message }));
    });
  }

}());
