/* The draft builder's writing, without the page: a draft as Markdown in the site's page format
   (FORMAT.md), the text a .docx can hold, the names and slugs the page format allows. Pure
   functions of the draft and the settings (render/draft.py: the interface strings and the page
   format's rules), so that draft.js uses them in the browser and tests/js/ runs them in Node. */
(function (root) {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function isText(value) { return typeof value === "string"; }

  function create(settings) {
    var ui = settings.ui;

    /* Where a rule of the draft comes from: municipality, rule id and address; translated, edited. */
    function sourceNote(rule) {
      var note = format(ui.draft_source_note, { municipality: rule.municipality, id: rule.id, url: rule.url });
      if (rule.version) note += " " + format(ui.draft_version_note, { date: rule.version });
      if (rule.translatedFrom) note += " " + format(ui.draft_translated_note, { lang: ui.language_name[rule.translatedFrom] || rule.translatedFrom });
      if (rule.edited) note += " " + ui.draft_edited_note;
      return note;
    }

    /* ---- 3b. Markdown in the site's page format (FORMAT.md) ---- */

    var NAME = /^\p{L}+(?:(?: ?[-–] ?| |['’.] ?)\p{L}+)*\.?$/u;

    function validName(value) {
      var name = isText(value) ? value.trim() : "";
      return NAME.test(name) && name.length <= settings.rules.maxName ? name : "";
    }

    function slugify(name) {
      return name.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a")
        .normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    }

    /* Text as one line that passes the page checks (FORMAT.md): no control or invisible characters,
       no { … } attributes (braces become parentheses), no character references ("&lt;" → "& lt;"). */
    /* Text a .docx can hold: XML 1.0 has no control characters, lone surrogates or noncharacters
       (U+FFFE in a rule or a pasted title made a file Word cannot open). */
    function xmlText(text) {
      return String(text).replace(/[\p{Cc}\p{Cs}\p{Cn}]/gu, function (c) { return c === "\t" || c === "\n" ? c : ""; });
    }

    function plainLine(text) {
      return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, " ").replace(/\s+/g, " ").trim()
        .replace(/\{/g, "(").replace(/\}/g, ")")
        .replace(/&(?=[#A-Za-z])/g, "& ");
    }

    /* …and as Markdown that shows that text: syntax characters escaped, "<" never starting a tag. */
    function markdownLine(text) {
      return plainLine(text)
        .replace(/<(?=[A-Za-z/!?])/g, "< ")
        .replace(/[\\`*_[\]()>|]/g, "\\$&")  // Python-Markdown's escapes; "<" is not one (a "\\<" would show)
        .replace(/^([-+#!])/, "\\$1")
        .replace(/^(\d+)\.(?=\s|$)/, "$1\\.");
    }

    function frontMatterText(text) {
      return JSON.stringify(plainLine(text).replace(/[<>]/g, "").slice(0, settings.rules.maxText));
    }

    function toMarkdown(draft) {
      var municipality = validName(draft.meta.municipality) || ui.draft_placeholder_municipality;
      var county = validName(draft.meta.county) || ui.draft_placeholder_county;
      var number = new RegExp(settings.rules.number).test((draft.meta.number || "").trim()) ? draft.meta.number.trim() : "0000";
      var slug = slugify(municipality);
      if (!new RegExp(settings.rules.slug).test(slug)) slug = "utkast";
      var lines = [
        "---",
        "municipality: " + JSON.stringify(municipality),
        "municipality_number: " + JSON.stringify(number),
        "county: " + JSON.stringify(county),
        "original_language: " + settings.lang,
        "document_title: " + frontMatterText(draft.title),
        'adoption: ""',
        "---",
        "",
        "# " + markdownLine(draft.title),
        ""
      ];
      var sources = [], n = 0;
      draft.groups.forEach(function (group) {
        lines.push("## " + markdownLine(group.label), "");
        group.rules.forEach(function (rule) {
          n += 1;
          var id = slug + "-" + n;
          lines.push("- " + markdownLine(rule.text), "  { #" + id + ' data-topics="' + rule.topics.join(" ") + '" }');
          sources.push({ id: id, rule: rule });
        });
        lines.push("");
      });
      lines.push("## " + markdownLine(ui.draft_sources_heading), "");
      sources.forEach(function (entry) {
        lines.push("- " + entry.id + ": " + markdownLine(sourceNote(entry.rule)), "  { .prosa }");
      });
      return lines.join("\n") + "\n";
    }

      /* The draft as a .docx (``d``: the docx library): the title as Title, each topic as Heading 1,
       each rule a paragraph with its source as a footnote. */
    function toDocx(d, draft) {
        var footnotes = {}, n = 0;
        var children = [new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: [new d.TextRun(xmlText(draft.title))] })];
        draft.groups.forEach(function (group) {
          children.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, spacing: { before: 360, after: 120 }, children: [new d.TextRun(xmlText(group.label))] }));
          group.rules.forEach(function (rule) {
            n += 1;
            footnotes[n] = { children: [new d.Paragraph({ children: [new d.TextRun(xmlText(sourceNote(rule)))] })] };
            children.push(new d.Paragraph({ spacing: { after: 160 }, children: [new d.TextRun(xmlText(rule.text.replace(/\s+/g, " ").trim())), new d.FootnoteReferenceRun(n)] }));
          });
        });
        return new d.Document({
          title: draft.title,
          creator: settings.siteName,  /* the library's default author is "Un-named" */
          lastModifiedBy: settings.siteName,
          styles: { default: { document: { run: { size: 22, language: { value: settings.documentLanguage } } } } },
          footnotes: footnotes,
          sections: [{ children: children }]
        });
      }

    return {
      toDocx: toDocx, format: format, isText: isText, sourceNote: sourceNote, validName: validName, slugify: slugify,
      xmlText: xmlText, plainLine: plainLine, markdownLine: markdownLine, toMarkdown: toMarkdown
    };
  }

  var api = { create: create };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.draftMarkdown = api;
}(this));
