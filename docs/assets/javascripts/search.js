/* Search (Pagefind's search library) in a modal dialog: overrides/partials/search.html.
   - The header's search button, or "/" anywhere outside a text field, opens the dialog and puts
     the focus in the search field; Escape or the close button closes it, and the focus goes back
     to the search button. Following a result closes it too (a rule on the same page is only an
     anchor). ?sok=… in the address opens it with that query (the link to the other language form).
   - Pagefind (pagefind/pagefind.js, from this site only) and the index of the page's language form
     (by <html lang>) load when the pointer or the focus reaches the search button, or when the
     dialog opens; the index chunks of the words typed load at once (Pagefind's preload), and it
     searches 25 ms after the last keystroke.
   - Every word counts, none is required. Pagefind finds only pages that hold every word of a
     query, so the dialog leaves out question words and small words of both language forms
     (data/ui.yml: search_stop_words), searches each remaining word on its own (and, for a word with
     a nynorsk or bokmål ending the stemmer keeps, the word without it: brukarane → brukar), and
     ranks pages by how many of the words they hold (a topic page the query names counts one more
     and goes first among equals), then by a rule that holds them all, then by how many stand near
     each other, then by Pagefind's score. The class names are those of Pagefind's own interface
     (pagefind-ui__…), which this replaces.
   - A word the index does not hold (search-words.json, written by the build: the words of the
     language form's index) is corrected to the closest word within one or two letters, searched
     for, and offered: "Mente du: taushetsplikt?" (a button that searches the corrected query);
     without one, its longest beginning that begins a word of the index is searched
     (taushetsbelagte → taushets…), or else nothing (Pagefind would match scraps of it: "ta").
   - A result per rule: a rule is a list item or paragraph with an id (frogn-13); the hits inside
     each rule become a sub-result titled by municipality and topic ("Løten · Bilder og video av
     personer", from the page's metadata: site/search.py rule_topics) with the rule's own text as
     excerpt, the rules that hold most of the words first.
   - No results: the dialog suggests fewer words, the topic list and the other language form.
   - Filters (municipality, county, topic, original or translation) behind a toggle button, shown
     at first on wide screens, folded on a phone.
   All text is put in with textContent or as text nodes; nothing of a page or a query becomes HTML. */
(function () {
  "use strict";

  var root = document.querySelector(".site-search");
  if (!root) return;
  var opener = root.querySelector(".site-search__open");
  var dialog = root.querySelector("dialog");
  var container = root.querySelector(".site-search__ui");
  var closer = root.querySelector(".site-search__close");
  var field = container.querySelector("input");
  var form = container.querySelector("form");
  var message = container.querySelector(".pagefind-ui__message");
  var suggestion = container.querySelector(".site-search__suggestion");
  var list = container.querySelector(".pagefind-ui__results");
  var help = container.querySelector(".site-search__help");
  var filterFold = container.querySelector(".site-search__filters");
  var filterPanel = container.querySelector(".pagefind-ui__filter-panel");
  var filterToggle = container.querySelector(".site-search__filters-toggle");

  function data(name) { return container.getAttribute("data-" + name) || ""; }
  function words(text) { return text.split(/\s+/).filter(Boolean); }
  var bundle = new URL(data("bundle"), window.location.href).href;
  var wordsUrl = new URL(data("words"), window.location.href).href;
  var siteRoot = new URL("../", bundle).href;
  var settingsUrl = new URL(data("settings"), window.location.href).href;
  /* What a query is read with, from search-settings.json (site/search.py dialog_settings), filled
     before the first search (load): the words a query leaves out, the endings stripped, the topics
     ([[id, label, search words], …] in data/topics.yml's order) and the other form's words. */
  var stopWords = {}, contextWords = {}, suffixes = [], topics = [], otherWords = {}, pageCount = 0, topicPages = {};
  var topicLabel = {}, topicNames = {}, topicKeywords = {}, topicPhrases = {};
  function useSettings(settings) {
    (settings.stop_words || []).forEach(function (w) { stopWords[w] = true; });
    (settings.context_words || []).forEach(function (w) { contextWords[w] = true; });
    suffixes = (settings.suffixes || []).slice().sort(function (a, b) { return b.length - a.length; });
    topics = settings.topics || [];
    otherWords = settings.other_words || {};
    pageCount = settings.pages || 0;
    topicPages = settings.topic_pages || {};  // a topic page's id in the index → the topic
    topics.forEach(function (t) {
      topicLabel[t[0]] = t[1];
      topicNames[t[0]] = words(t[2] || "");
      topicKeywords[t[0]] = words(t[3] || "");
      topicPhrases[t[0]] = (t[4] || []).map(words);
    });
  }
  var RULE = /^([a-z0-9-]+)-(\d+)$/, TOPIC_PAGE = /\/tema\/([a-z0-9-]+)\/$/;
  var MIN_WEIGHT = 0.05, KEYWORD_NAMES = 0.5, CONTEXT_WEIGHT = 0.5;
  var DEBOUNCE_MS = 25, PAGE_SIZE = 8, CANDIDATES = 10, MAX_SUB_RESULTS = 3, EXCERPT_WORDS = 30, MIN_STEM = 4, RULE_WORDS = 40;

  var pagefind = null, loading = null, vocabulary = null, vocabularyLoading = null;
  var timer = null, filtersLoading = null, searchedBlind = false, generation = 0, shown = PAGE_SIZE, ranked = [], chosen = {};

  function loadSettings() {
    /* Without the file the dialog still searches, every word of the query as typed. */
    return fetch(settingsUrl).then(function (response) {
      return response.ok ? response.json() : {};
    }).catch(function () { return {}; }).then(useSettings);
  }

  function load() {
    if (loading) return loading;
    var settingsLoading = loadSettings();
    loading = import(bundle + "pagefind.js").then(function (module) {
      pagefind = module;
      return pagefind.options({ bundlePath: bundle, excerptLength: EXCERPT_WORDS });
    }).then(function () {
      /* The vocabulary is not waited for: a search made before it has come treats every word as
         known, and is made again when it comes (searchedBlind). */
      loadVocabulary().then(function () {
        if (searchedBlind && field.value.trim()) search(field.value);
      });
      return Promise.all([pagefind.init(), settingsLoading]);
    }).then(function () {
      return pagefind;
    });
    return loading;
  }

  function loadVocabulary() {
    if (!vocabularyLoading) {
      vocabularyLoading = fetch(wordsUrl).then(function (response) {
        return response.ok ? response.json() : {};
      }).catch(function () { return {}; }).then(function (counts) {
        vocabulary = Object.keys(counts).map(function (w) { return [w, counts[w]]; });
        return vocabulary;
      });
    }
    return vocabularyLoading;
  }

  /* ---- Query understanding ---- */

  function queryWords(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function significant(query) {
    var all = queryWords(query), seen = {};
    var kept = all.filter(function (w) { return !stopWords[w] && w.length > 1; });  // "e" of e-post
    return (kept.length ? kept : all).filter(function (w) {
      if (seen[w]) return false;
      seen[w] = true;
      return true;
    });
  }

  /* The words of the query that come right after a word saying where (på facebook, frå jobben). */
  function contextOf(query) {
    var all = queryWords(query), found = {};
    all.forEach(function (w, i) { if (i > 0 && contextWords[all[i - 1]]) found[w] = true; });
    return found;
  }

  /* The word; the word without an ending the stemmer keeps (nynorsk -ane, -heit, -ast …); and for
     a word of the other language form, or a form of one, this form's word (taushetsplikt → teieplikt). */
  function variants(word) {
    var found = addAll([word], ownWords(word));
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (word.length - s.length >= MIN_STEM && word.slice(-s.length) === s) {
        found.push(word.slice(0, -s.length));
        break;
      }
    }
    return found;
  }

  /* This form's words for a word of the other language form, or a form of one (taushetsplikten →
     teieplikt on the nynorsk site). */
  function ownWords(word) {
    var found = [];
    Object.keys(otherWords).forEach(function (theirs) {
      var stem = theirs.slice(0, Math.max(MIN_STEM + 1, theirs.length - 2));  // kontoer: konto…, not kont… (kontakt)
      if (word.lastIndexOf(stem, 0) === 0 && word.length - theirs.length <= 4 && found.indexOf(otherWords[theirs]) === -1) {
        found.push(otherWords[theirs]);
      }
    });
    return found;
  }

  /* Whether the vocabulary has the word or a form of it (a word sharing all but its last three
     letters: taushetsplikten, venneforespørsler). */
  function known(word) {
    var stem = word.slice(0, Math.max(MIN_STEM, word.length - 3));
    return !vocabulary || vocabulary.some(function (entry) { return entry[0].lastIndexOf(stem, 0) === 0; });
  }

  /* The longest beginning of a word (at least half of it, and five letters) that begins a word of
     the vocabulary: the known first part of a compound (taushetsbelagte → taushets…). */
  function knownPrefix(word) {
    for (var n = word.length - 1; n >= Math.max(5, Math.ceil(word.length / 2)); n--) {
      var prefix = word.slice(0, n);
      if (vocabulary.some(function (entry) { return entry[0].lastIndexOf(prefix, 0) === 0; })) return prefix;
    }
    return null;
  }

  /* The known last part of a compound the vocabulary does not know, when its first part is known
     too (instagramkonto → konto, facebooksida → sida): at least four letters each. */
  function knownSuffix(word) {
    for (var n = MIN_STEM; n <= word.length - MIN_STEM; n++) {
      var head = word.slice(0, n), tail = word.slice(n);
      if (vocabulary.some(function (e) { return e[0] === head; }) && known(tail)) return tail;
    }
    return null;
  }

  /* The words of the topics' labels and synonyms a word is a form of (politikere: politisk), so a
     question finds the pages that name the topic in the topic's own words. */
  function topicNamesOf(word) {
    var found = [];
    Object.keys(topicNames).forEach(function (id) {
      topicNames[id].forEach(function (name) {
        if (found.indexOf(name) === -1 && name !== word && namedBy([name], [word])) found.push(name);
      });
    });
    return found;
  }

  function addAll(found, more) {
    more.forEach(function (w) { if (w && found.indexOf(w) === -1) found.push(w); });
    return found;
  }

  /* What to search for each significant word: the word and its variants and the topic names it is
     a form of; a word the vocabulary does not know, its correction (offered to the reader) or else
     its known parts. */
  function plan(query) {
    var context = contextOf(query);
    return significant(query).map(function (word) {
      var slot = planWord(word);
      slot.context = !!context[word];
      return slot;
    });
  }

  function planWord(word) {
    return (function () {
      if (known(word) || /\d/.test(word)) return { word: word, terms: addAll(variants(word), topicNamesOf(word)) };
      var better = correction(word);
      if (better) return { word: word, terms: addAll(variants(better), topicNamesOf(better)), correction: better };
      // else a word the index does not hold: Pagefind would only match scraps of it
      var parts = [knownPrefix(word), knownSuffix(word)].filter(Boolean);
      return { word: word, terms: addAll(parts, [].concat.apply([], parts.map(topicNamesOf))) };
    })();
  }

  /* Optimal string alignment distance (a swap of two letters counts once), stopping above max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* The closest word of the vocabulary that begins with the same letter (one letter off for short
     words, two for long), the most frequent among equally close ones; null if none is that close.
     A word of the other language form (the index holds the topics' labels of both forms) is
     corrected to this form's word: "tausetsplikt" to "teieplikt" on the nynorsk site, which finds
     the rules, not only the topic page, and is the word offered. */
  function correction(word) {
    var better = closest(word), own = better ? ownWords(better) : [];
    return own.length ? own[0] : better;
  }

  function closest(word) {
    if (!vocabulary || word.length < MIN_STEM) return null;
    var max = word.length <= 6 ? 1 : 2, best = null, bestDistance = max + 1, bestCount = 0;
    vocabulary.forEach(function (entry) {
      if (entry[0][0] !== word[0]) return;  // a misspelling seldom starts wrong (usikker is not sikker)
      var d = distance(word, entry[0], max);
      if (d < bestDistance || (d === bestDistance && d <= max && entry[1] > bestCount)) {
        best = entry[0];
        bestDistance = d;
        bestCount = entry[1];
      }
    });
    return bestDistance <= max && best !== word ? best : null;
  }

  function searchTerm(term, filters) {
    return pagefind.search(term, { filters: filters }).then(function (found) { return found ? found.results : []; });
  }

  /* Each significant word's hits: [[result, …] per word], the word itself or its variants. */
  function searchSlots(slots, filters) {
    return Promise.all(slots.map(function (slot) {
      return Promise.all(slot.terms.map(function (term) { return searchTerm(term, filters); })).then(function (lists) {
        return [].concat.apply([], lists);
      });
    }));
  }

  /* How much a word of the query says: little if most pages hold it (kommunen, facebook, sosiale on
     a site of social-media guidelines), much if few do (inverse document frequency, from the number
     of pages its search found and the number of pages in the index; never quite nothing); half as
     much for a word that says where (contextOf). */
  function weights(hits, slots) {
    return hits.map(function (results, i) {
      var pages = {};
      results.forEach(function (r) { pages[r.id] = true; });
      var found = Object.keys(pages).length, all = Math.max(pageCount, found);
      var w = found ? Math.max(MIN_WEIGHT, Math.log((all + 1) / (found + 0.5))) : 0;
      return slots[i] && slots[i].context ? CONTEXT_WEIGHT * w : w;
    });
  }

  function rank(slots, hits, weight) {
    var pages = {};
    hits.forEach(function (results, slot) {
      var top = results.reduce(function (m, r) { return Math.max(m, r.score); }, 0) || 1;
      results.forEach(function (result) {
        var page = pages[result.id] || (pages[result.id] = { id: result.id, slots: {}, count: 0, weight: 0, score: 0, results: [], terms: [], slotWeight: weight });
        slots[slot].terms.forEach(function (term) { if (page.terms.indexOf(term) === -1) page.terms.push(term); });
        if (!page.slots[slot]) {
          page.slots[slot] = true;
          page.count += 1;
          page.weight += weight[slot];
          page.score += result.score / top;
        }
        page.results.push({ slot: slot, result: result });
      });
    });
    return Object.keys(pages).map(function (id) {
      pages[id].near = nearWords(pages[id].results);
      return pages[id];
    });
  }

  /* The most of the words that stand within RULE_WORDS of each other on the page (the locations
     Pagefind gives with each result, before its data is loaded): likely one rule holds them. */
  function nearWords(results) {
    var hits = [];
    results.forEach(function (r) { (r.result.words || []).forEach(function (at) { hits.push([at, r.slot]); }); });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    var best = 0, from = 0, inWindow = {};
    for (var i = 0; i < hits.length; i++) {
      inWindow[hits[i][1]] = (inWindow[hits[i][1]] || 0) + 1;
      while (hits[i][0] - hits[from][0] > RULE_WORDS) {
        if (!--inWindow[hits[from][1]]) delete inWindow[hits[from][1]];
        from++;
      }
      best = Math.max(best, Object.keys(inWindow).length);
    }
    return best;
  }

  /* ---- Results ---- */

  function excerptNode(content, start, end, hits) {
    var sorted = hits.slice().sort(function (a, b) { return a - b; });
    var first = sorted.length ? sorted[0] : start;
    var from = Math.max(start, Math.min(first - 5, end - EXCERPT_WORDS));
    var to = Math.min(end, from + EXCERPT_WORDS);
    var last = sorted.filter(function (hit) { return hit < to; }).pop();
    for (var s = Math.max(from, last === undefined ? from : last); s < to - 1; s++) {
      if (/[.!?]$/.test(content[s]) && s - from >= 8) { to = s + 1; break; }  // end at the sentence's end
    }
    var marked = {};
    sorted.forEach(function (hit) { marked[hit] = true; });
    var p = document.createElement("p");
    p.className = "pagefind-ui__result-excerpt";
    if (from > start) p.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      if (i > from) p.appendChild(document.createTextNode(" "));
      if (marked[i]) {
        var mark = document.createElement("mark");
        mark.textContent = content[i];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(content[i]));
      }
    }
    if (to < end) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function ruleTopicsOf(meta) {
    var map = {};
    words(meta.rules || "").forEach(function (entry) {
      var parts = entry.split(":");
      map[parts[0]] = (parts[1] || "").split(".").filter(Boolean).map(function (i) { return topics[Number(i)] && topics[Number(i)][0]; });
    });
    return map;
  }

  /* A rule is titled by the first of its topics the query names (a word of its labels or synonyms,
     or every word of a synonym of more words: "teieplikt" titles alta-5, on official accounts first,
     «Alta · Teieplikt og personvern»), else by its first topic. */
  function ruleTitle(page, anchorId, ruleTopics, terms) {
    var number = RULE.exec(anchorId)[2];
    var municipality = (page.filters[data("municipality-filter")] || [])[0] || page.meta.title.split(":")[0];
    var own = ruleTopics[number] || [];
    var topic = own.filter(function (id) { return namesTopic(id, terms || []); })[0] || own[0];
    return say(data("rule-title"), { municipality: municipality, topic: topicLabel[topic] || anchorId });
  }

  /* The rules of a page that hold hits, the most telling words first (the weight of the words,
     then how many), then most hits. */
  function ruleSubResults(page, content, locations, weight, terms) {
    var anchors = (page.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var url = page.url.split("#")[0];
    var ruleTopics = ruleTopicsOf(page.meta);
    var found = [];
    anchors.forEach(function (anchor, index) {
      if (!RULE.test(anchor.id) || (anchor.element !== "li" && anchor.element !== "p")) return;
      var end = index + 1 < anchors.length ? anchors[index + 1].location : content.length;
      var hits = locations.filter(function (hit) { return hit.at >= anchor.location && hit.at < end; });
      if (!hits.length) return;
      var slots = {}, sum = 0;
      hits.forEach(function (hit) {
        if (!slots[hit.slot]) sum += (weight || [])[hit.slot] || 0;
        slots[hit.slot] = true;
      });
      found.push({
        title: ruleTitle(page, anchor.id, ruleTopics, terms),
        url: url + "#" + anchor.id,
        excerpt: excerptNode(content, anchor.location, end, hits.map(function (h) { return h.at; })),
        words: Object.keys(slots).length,
        weight: sum,
        hits: hits.length,
        at: anchor.location
      });
    });
    return found.sort(function (a, b) { return b.weight - a.weight || b.words - a.words || b.hits - a.hits || a.at - b.at; }).slice(0, MAX_SUB_RESULTS);
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.className = "pagefind-ui__result-link";
    a.href = href;
    a.textContent = text;
    return a;
  }

  function titleNode(href, text) {
    var p = document.createElement("p");
    p.className = "pagefind-ui__result-title";
    p.appendChild(link(href, text));
    return p;
  }

  /* The page's data (its text, anchors, metadata and filters: one fragment, whichever search). */
  function loadEntry(entry) {
    if (!entry.loading) {
      entry.loading = entry.results[0].result.data().then(function (page) {
        entry.page = page;
        var topic = TOPIC_PAGE.exec(entry.page.url);
        entry.named = topic && names(topic[1], entry.terms) ? 1 : 0;
        entry.locations = mergedLocations(entry.results);
        entry.content = entry.page.content.split(/\s+/);
        entry.rules = ruleSubResults(entry.page, entry.content, entry.locations, entry.slotWeight, entry.terms);
        entry.precise = entry.rules.length && entry.rules[0].words === entry.count ? 1 : 0;
        return entry;
      });
    }
    return entry.loading;
  }

  /* The hits of all the page's words, each with the word (slot) it is a hit of: the locations each
     search's result carries (its data is one object per page, which every search overwrites). */
  function mergedLocations(results) {
    var seen = {}, locations = [];
    results.forEach(function (r) {
      (r.result.words || []).forEach(function (at) {
        if (seen[at]) return;
        seen[at] = true;
        locations.push({ at: at, slot: r.slot });
      });
    });
    return locations;
  }

  /* Whether one of the terms is one of the names (or a form of one: both begin alike but for the
     last three letters). */
  function namedBy(labels, terms) {
    return labels.some(function (name) {
      return terms.some(function (term) {
        var a = term.slice(0, Math.max(MIN_STEM, term.length - 3)), b = name.slice(0, Math.max(MIN_STEM, name.length - 3));
        return name.lastIndexOf(a, 0) === 0 || term.lastIndexOf(b, 0) === 0;
      });
    });
  }

  /* Whether one of the searched terms names the topic: a word of its labels or synonyms. */
  function names(topicId, terms) { return namedBy(topicNames[topicId] || [], terms); }

  /* Whether one of the terms has the word of a synonym of more words: as namedBy, or as the last
     part of a compound ("kommunens side" in "kommunens facebookside", "sida til kommunen" in
     "facebooksida til kommunen"). Only for such synonyms, which name the topic with every word. */
  function phraseWordIn(name, terms) {
    return namedBy([name], terms) || terms.some(function (term) {
      return name.length >= MIN_STEM && term.length >= name.length + MIN_STEM && term.slice(-name.length) === name;
    });
  }

  /* Whether the terms name the topic: a word of its labels or synonyms, or each word of one of its
     synonyms of more words. */
  function namesTopic(topicId, terms) {
    return names(topicId, terms) || (topicPhrases[topicId] || []).some(function (phrase) {
      return phrase.every(function (name) { return phraseWordIn(name, terms); });
    });
  }

  /* How much the query asks about the topic of a topic page. A word of the topic's labels or
     synonyms names it: the page goes before every page the query does not name (it counts all the
     query's weight more). A word of the topic's keywords (data/topics.yml: dele for "Delta og del",
     jobb for "Privatperson eller ansatt") hints at it: the page counts half that word's weight more. */
  function topicWeight(topicId, slots, weight) {
    var all = weight.reduce(function (sum, w) { return sum + w; }, 0), best = 0;
    slots.forEach(function (slot, i) {
      if (namedBy(topicNames[topicId] || [], slot.terms)) best = Math.max(best, all + weight[i]);
      else if (namedBy(topicKeywords[topicId] || [], slot.terms)) best = Math.max(best, KEYWORD_NAMES * weight[i]);
    });
    /* A synonym of more words names the topic when each of its words is a word of the query. */
    (topicPhrases[topicId] || []).forEach(function (phrase) {
      var at = phrase.map(function (name) {
        for (var i = 0; i < slots.length; i++) if (phraseWordIn(name, slots[i].terms)) return i;
        return -1;
      });
      if (at.indexOf(-1) === -1) best = Math.max(best, all + Math.max.apply(null, at.map(function (i) { return weight[i]; })));
    });
    return best;
  }

  /* One result: the page, and its rules that hold hits as sub-results. */
  function resultNode(entry) {
    var page = entry.page, content = entry.content, locations = entry.locations;
    var li = document.createElement("li");
    li.className = "pagefind-ui__result";
    var inner = document.createElement("div");
    inner.className = "pagefind-ui__result-inner";
    inner.appendChild(titleNode(page.url, page.meta.title || page.url));
    var rules = entry.rules;
    if (rules.length) {
      rules.forEach(function (rule) {
        var nested = document.createElement("div");
        nested.className = "pagefind-ui__result-nested";
        nested.appendChild(titleNode(rule.url, rule.title));
        nested.appendChild(rule.excerpt);
        inner.appendChild(nested);
      });
    } else {
      var titleWords = words(page.meta.title || "").length;
      var start = content.length > titleWords ? titleWords : 0;  // the text after the page's heading
      var hits = locations.map(function (h) { return h.at; }).filter(function (at) { return at >= start; });
      inner.appendChild(excerptNode(content, start, content.length, hits));
    }
    li.appendChild(inner);
    return li;
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function showSuggestion(corrected, query) {
    clear(suggestion);
    suggestion.hidden = !corrected;
    if (!corrected) return;
    suggestion.appendChild(document.createTextNode(data("did-you-mean") + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "site-search__correction";
    button.textContent = corrected;
    button.addEventListener("click", function () {
      field.value = corrected;
      field.focus();
      search(corrected);
    });
    suggestion.appendChild(button);
    suggestion.appendChild(document.createTextNode("?"));
    suggestion.setAttribute("data-query", query);
  }

  function showHelp(query) {
    clear(help);
    help.hidden = false;
    var items = document.createElement("ul");
    function item(node) {
      var li = document.createElement("li");
      li.appendChild(node);
      items.appendChild(li);
    }
    if (queryWords(query).length > 1) item(document.createTextNode(data("fewer-words")));
    item(link(new URL(data("topic-list"), window.location.href).href, data("topic-list-text")));
    var other = new URL(data("other-prefix"), siteRoot);
    other.searchParams.set("sok", query);
    var otherLink = link(other.href, data("other-form"));
    otherLink.hreflang = data("other-lang");
    item(otherLink);
    help.appendChild(items);
  }

  function render(query, gen, corrected) {
    var page = ranked.slice(0, shown);
    return Promise.all(page.map(loadEntry)).then(function (entries) {
      if (gen !== generation) return;
      clear(list);
      entries.forEach(function (entry) { list.appendChild(resultNode(entry)); });
      if (ranked.length > shown) {
        var li = document.createElement("li");
        li.className = "site-search__more";
        var more = document.createElement("button");
        more.type = "button";
        more.className = "pagefind-ui__button";
        more.textContent = data("more");
        more.addEventListener("click", function () {
          shown += PAGE_SIZE;
          render(query, generation, corrected);
        });
        li.appendChild(more);
        list.appendChild(li);
      }
      showSuggestion(corrected, query);
      /* The filters' values (a municipality filter of every municipality) load once the first
         results are shown, not beside the index: they would hold up the first search. */
      if (!filtersLoading) filtersLoading = loadFilters();
      if (ranked.length) {
        help.hidden = true;
        message.textContent = say(data("results"), { n: ranked.length, query: query });
      } else {
        message.textContent = say(data("no-results"), { query: query });
        showHelp(query);
      }
    });
  }

  function currentFilters() {
    var filters = {}, any = false;
    Object.keys(chosen).forEach(function (name) {
      var values = Object.keys(chosen[name]).filter(function (v) { return chosen[name][v]; });
      if (values.length) {
        filters[name] = { any: values };
        any = true;
      }
    });
    return any ? filters : undefined;
  }

  function search(query) {
    var gen = ++generation;
    query = query.trim();
    if (!query) {
      ranked = [];
      clear(list);
      message.textContent = "";
      help.hidden = true;
      showSuggestion(null);
      return Promise.resolve();
    }
    return load().then(function () {
      if (gen !== generation) return null;
      var filters = currentFilters();
      searchedBlind = !vocabulary;
      var slots = plan(query);
      return searchSlots(slots, filters).then(function (hits) {
        /* A word found nowhere that the vocabulary seemed to know (teiepligt: teieplikt): its correction. */
        var retry = slots.map(function (slot, i) {
          var better = vocabulary && !hits[i].length && !slot.correction && correction(slot.word);
          return better ? { word: slot.word, terms: [better], correction: better, context: slot.context } : null;
        });
        if (!retry.some(Boolean)) return [slots, hits];
        return searchSlots(retry.map(function (slot) { return slot || { terms: [] }; }), filters).then(function (again) {
          return [slots.map(function (slot, i) { return retry[i] || slot; }), hits.map(function (h, i) { return retry[i] ? again[i] : h; })];
        });
      }).then(function (searched) {
        slots = searched[0];
        var hits = searched[1];
        var fixed = slots.some(function (slot) { return slot.correction; });
        var text = fixed ? queryWords(query).map(function (w) {
          var slot = slots.filter(function (s) { return s.word === w && s.correction; })[0];
          return slot ? slot.correction : w;
        }).join(" ") : null;
        return [slots, hits, text];
      });
    }).then(function (found) {
      if (!found || gen !== generation) return;
      /* Most words first, then the most of them near each other, then Pagefind's score. Among the
         first CANDIDATES (whose data is loaded), a topic page the query names (a word of its labels
         or synonyms) counts one word more and goes first among equals; then a page with a rule that
         holds all its words; then as before. */
      var weight = weights(found[1], found[0]);
      var pages = rank(found[0], found[1], weight);
      pages.forEach(function (entry) {
        entry.bonus = topicPages[entry.id] ? topicWeight(topicPages[entry.id], found[0], weight) : 0;
      });
      /* Only the topic the query names most goes before everything: the other named topics count
         their word once more, so the rules that answer the question stay among the first results. */
      var total = weight.reduce(function (sum, w) { return sum + w; }, 0);
      var first = pages.reduce(function (best, e) { return e.bonus > total && (!best || e.weight + e.bonus > best.weight + best.bonus) ? e : best; }, null);
      pages.forEach(function (entry) { if (entry !== first && entry.bonus > total) entry.bonus -= total; });
      pages.sort(function (a, b) { return b.weight + b.bonus - a.weight - a.bonus || b.near - a.near || b.score - a.score; });
      var top = pages.slice(0, CANDIDATES);
      return Promise.all(top.map(loadEntry)).then(function () {
        if (gen !== generation) return;
        top.sort(function (a, b) {
          return b.weight + b.bonus - a.weight - a.bonus || b.named - a.named || b.precise - a.precise || b.near - a.near || b.score - a.score;
        });
        ranked = top.concat(pages.slice(CANDIDATES));
        shown = PAGE_SIZE;
        return render(query, gen, found[2]);
      });
    });
  }

  /* ---- Filters ---- */

  function showFilters(show) {
    filterPanel.hidden = !show;
    filterToggle.setAttribute("aria-expanded", show ? "true" : "false");
  }
  filterToggle.addEventListener("click", function () { showFilters(filterPanel.hidden); });

  function loadFilters() {
    return pagefind.filters().then(function (filters) {
      var filterNames = Object.keys(filters || {}).sort();
      if (!filterNames.length) return;
      filterNames.forEach(function (name) {
        var block = document.createElement("details");
        block.className = "pagefind-ui__filter-block";
        var summary = document.createElement("summary");
        summary.className = "pagefind-ui__filter-name";
        summary.textContent = name;
        block.appendChild(summary);
        var group = document.createElement("fieldset");
        group.className = "pagefind-ui__filter-group";
        var legend = document.createElement("legend");
        legend.className = "visually-hidden";
        legend.textContent = name;
        group.appendChild(legend);
        Object.keys(filters[name]).sort(function (a, b) { return a.localeCompare(b, "nb"); }).forEach(function (value) {
          var label = document.createElement("label");
          label.className = "pagefind-ui__filter-label";
          var box = document.createElement("input");
          box.type = "checkbox";
          box.className = "pagefind-ui__filter-checkbox";
          box.addEventListener("change", function () {
            chosen[name] = chosen[name] || {};
            chosen[name][value] = box.checked;
            search(field.value);
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value));
          group.appendChild(label);
        });
        block.appendChild(group);
        filterPanel.appendChild(block);
      });
      filterFold.hidden = false;
      showFilters(window.matchMedia("(min-width: 45em)").matches);
    });
  }

  /* ---- The dialog ---- */

  field.addEventListener("input", function () {
    clearTimeout(timer);
    var query = field.value;
    /* The index chunks of the words typed so far load during the pause (Pagefind's preload). */
    if (pagefind) significant(query).forEach(function (word) { pagefind.preload(word).catch(function () {}); });
    timer = setTimeout(function () { search(query); }, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(field.value);
  });

  function open(query) {
    if (!dialog.open) dialog.showModal();
    if (typeof query === "string") field.value = query;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    load().then(function () { if (field.value) search(field.value); });
  }

  ["pointerenter", "focus", "touchstart"].forEach(function (type) {
    opener.addEventListener(type, function () { load(); }, { passive: true });
  });
  opener.addEventListener("click", function () { open(); });
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
  var asked = new URLSearchParams(window.location.search).get("sok");
  if (asked) open(asked);
})();
