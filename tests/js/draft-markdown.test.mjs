// Unit tests of the draft builder's writing (docs/assets/javascripts/draft-markdown.js), run by
// tests/test_javascript.py with Node's own test runner. The settings are the ones the site hands
// the script (render/draft.py), passed in as JSON by the Python test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { create } = require("../../docs/assets/javascripts/draft-markdown.js");
const settings = JSON.parse(process.env.DRAFT_SETTINGS);
const writer = create(settings);

test("names the page format allows pass, others are dropped", () => {
  assert.equal(writer.validName("  Nord-Aurdal "), "Nord-Aurdal");
  assert.equal(writer.validName("Bø i Telemark"), "Bø i Telemark");
  assert.equal(writer.validName("<script>"), "");
  assert.equal(writer.validName("Kommune 1"), "");
  assert.equal(writer.validName("A".repeat(settings.rules.maxName + 1)), "");
  assert.equal(writer.validName(42), "");
});

test("slugs fold Norwegian letters and keep only a-z, 0-9 and single hyphens", () => {
  assert.equal(writer.slugify("Bømlo"), "bomlo");
  assert.equal(writer.slugify("Aure – Smøla"), "aure-smola");
  assert.equal(writer.slugify("Ærøy"), "aeroy");
  assert.equal(writer.slugify("!!!"), "");
});

test("a line of text never becomes markup, an attribute or a list", () => {
  const line = writer.markdownLine("1. <b>fet</b> {#x} &amp; *stjerne* [lenkje](javascript:x)\u0007");
  assert.ok(!line.includes("<b"), line);
  assert.ok(!line.includes("{") && !line.includes("}"), line);
  assert.ok(!line.includes("&amp;"), line);
  assert.ok(line.startsWith("1\\."), line);
  assert.ok(!line.includes("\u0007"), line);
  assert.equal(writer.markdownLine("- punkt"), "\\- punkt");
});

test("the .docx text loses what XML 1.0 cannot hold and keeps tabs and line ends", () => {
  assert.equal(writer.xmlText("a\u0000b\tc\nd\uFFFEe"), "ab\tc\nde");
});

test("a draft becomes one rule per chosen rule, numbered under the municipality's slug", () => {
  const draft = {
    title: "Retningslinjer {for} <sosiale> medium",
    meta: { municipality: "Nye Bømlo", number: "4613", county: "Vestland" },
    groups: [
      { label: "Rolle", rules: [{ text: "Tilsette skal *ikkje* svare på vegner av kommunen.", topics: ["rolle"], municipality: "Alta", id: "alta-1", url: "https://x.example/alta/#alta-1" }] },
      { label: "Bilete", rules: [{ text: "Spør før du tek bilete.", topics: ["bilete", "samtykke"], municipality: "Løten", id: "loten-2", url: "../loten/#loten-2", edited: true }] },
    ],
  };
  const page = writer.toMarkdown(draft);
  assert.match(page, /^---\nmunicipality: "Nye Bømlo"\nmunicipality_number: "4613"\n/);
  assert.match(page, /\n {2}\{ #nye-bomlo-1 data-topics="rolle" \}\n/);
  assert.match(page, /\n {2}\{ #nye-bomlo-2 data-topics="bilete samtykke" \}\n/);
  assert.equal((page.match(/\{ \.prosa \}/g) || []).length, 2);
  assert.ok(!page.includes("<sosiale>"));
});

test("the .docx holds the title, a heading per topic and each rule with its source as a footnote", async () => {
  const d = require("docx");
  const draft = {
    title: "Utkast\u0000 til retningslinjer",
    meta: {},
    groups: [{ label: "Rolle", rules: [{ text: "Svar  innan\n to dagar.", topics: ["rolle"], municipality: "Alta", id: "alta-1", url: "https://x.example/alta/#alta-1" }] }],
  };
  const buffer = await d.Packer.toBuffer(writer.toDocx(d, draft));
  assert.ok(buffer.subarray(0, 2).toString("latin1") === "PK", "a .docx is a zip");
  // the parts are deflated: read them back through docx's own zip library
  const { unzipSync, strFromU8 } = require("fflate");
  const parts = unzipSync(new Uint8Array(buffer));
  const body = strFromU8(parts["word/document.xml"]);
  assert.ok(body.includes("Utkast til retningslinjer") && !body.includes("\u0000"));
  assert.ok(body.includes("Svar innan to dagar."), body.slice(0, 400));
  assert.ok(body.includes('w:val="Title"') && body.includes('w:val="Heading1"'));
  assert.ok(strFromU8(parts["word/footnotes.xml"]).includes("alta-1"));
  assert.ok(strFromU8(parts["word/styles.xml"]).includes(settings.documentLanguage));
});
