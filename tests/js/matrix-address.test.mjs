// Unit tests of the matrix picker's address (docs/assets/javascripts/matrix-address.js), run by
// tests/test_javascript.py with Node's own test runner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { optionFor, readChoice, writeQuery } = require("../../docs/assets/javascripts/matrix-address.js");

const municipalities = [
  { value: "alta", label: " Alta " },
  { value: "bomlo", label: "Bømlo" },
  { value: "loten", label: "Løten" },
];

test("a code or a label in any case names an option", () => {
  assert.equal(optionFor(municipalities, "loten").value, "loten");
  assert.equal(optionFor(municipalities, " LØTEN ").value, "loten");
  assert.equal(optionFor(municipalities, "Alta").value, "alta");
  assert.equal(optionFor(municipalities, "løt"), undefined);
});

test("the address's codes become the options they name, the others are named as missing", () => {
  assert.deepEqual(readChoice("?k=loten,Bømlo,oslo,,%20", "k", municipalities), { values: ["bomlo", "loten"], missing: ["oslo"] });
  assert.deepEqual(readChoice("?k=", "k", municipalities), { values: [], missing: [] });
  assert.equal(readChoice("?t=bilete", "k", municipalities), null);
});

test("a choice equal to the default view leaves its parameter out; other parameters stay", () => {
  const defaults = { k: ["alta", "bomlo"], t: ["bilete", "rolle"] };
  assert.equal(writeQuery("?x=1", { k: ["bomlo", "alta"], t: ["bilete", "rolle"] }, defaults), "x=1");
  assert.equal(writeQuery("", { k: ["loten"], t: ["rolle", "bilete"] }, defaults), "k=loten");
  assert.equal(writeQuery("?k=alta", { k: ["alta", "loten"], t: [] }, defaults), "k=alta,loten&t=");
});

test("what it writes it reads back", () => {
  const query = writeQuery("", { k: ["bomlo", "loten"] }, { k: ["alta"] });
  assert.deepEqual(readChoice("?" + query, "k", municipalities), { values: ["bomlo", "loten"], missing: [] });
});
