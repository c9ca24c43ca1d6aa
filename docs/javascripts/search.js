/* The plan's search, beside material's own (never a fork of its worker): what a reader types is
   handed to material's search worker, and its answer is put in the order a reader expects.

   - A citation code in any common form (一（三）2, 一(三)2, 一、（三）2, 一（三）第2条, 二（一）,
     二（二）二是) becomes the hidden token its item carries in the index (cite1x3x2; see
     plansite/site/search_index.py), so the item is the one result; a code nobody has, none.
   - Results holding every word typed, as typed, come first: plan items before the site's own
     pages, and among them those holding it in their title; material's order stays otherwise
     (its worker matches word beginnings, so a longer query also finds pages with part of it).
   - Each plan item's result shows where it is (一（三）2 · 围绕推进经济社会高质量发展).
   - Whatever way text arrives in the box — typed, pasted or dropped, an input method's candidate
     picked by key or by mouse — it is searched for once, and never while still being composed.
   - A problem or point is a result of its own, addressed page.html?at=anchor so that material
     does not fold it into its page; links and landings are turned back into page.html#anchor.

   Material talks to its worker (or, from a folder, the iframe-worker shim standing in for it)
   with postMessage; the messages are wrapped here, on their way out and back in. This file is
   loaded in the page head, before material's bundle (mkdocs.yml: extra.polyfills). */
(() => {
  "use strict";

  // Material's SearchMessageType: SETUP, READY, QUERY, RESULT.
  const QUERY = 2;
  const RESULT = 3;
  // plansite/site/search_index.py: CODE_PREFIX and the numbers joined by "x".
  const CODE_PREFIX = "cite";
  const AT = "at";
  const SEARCHING = "正在查找……";
  const RANKED = 1e9;  // added to the scores of results per rank (see rank())

  /* --- citation codes --------------------------------------------------------------------- */

  const DIGITS = "〇一二三四五六七八九";
  const NUMERAL = "[一二三四五六七八九十]+";
  const CODE = new RegExp(
    `^(${NUMERAL})[、.．]?[（(](${NUMERAL})[）)]` +
    `(?:[、.．]?第?(${NUMERAL}|[0-9０-９]+)[是条项点]?[、.．。]?)?$`);

  /** 1 for 一 or 1, 12 for 十二 or １２; NaN for anything else. */
  function number(text) {
    const ascii = text.replace(/[０-９]/g, d => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (/^[0-9]+$/.test(ascii))
      return Number(ascii);
    const parts = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
    if (!parts || (!parts[2] && parts[1] && parts[3]))
      return NaN;
    if (!parts[2])
      return DIGITS.indexOf(parts[1]);
    return (parts[1] ? DIGITS.indexOf(parts[1]) : 1) * 10 + (parts[3] ? DIGITS.indexOf(parts[3]) : 0);
  }

  /** The index term for a citation code, or null when *query* is not one. */
  function citation(query) {
    const parts = CODE.exec(query.replace(/\s+/g, ""));
    if (!parts)
      return null;
    const numbers = parts.slice(1).filter(Boolean).map(number);
    if (!numbers.every(n => n > 0))
      return null;
    return "+" + CODE_PREFIX + numbers.join("x");
  }

  /* --- results ---------------------------------------------------------------------------- */

  const TAG = /<[^>]*>/g;
  const ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&amp;": "&" };
  /** Text as the reader sees it: no markup or entities, no (zero-width) spaces, lower case. */
  const plain = text => (text || "").replace(TAG, "").replace(/&(?:lt|gt|quot|#39|amp);/g, e => ENTITIES[e])
    .replace(/[\s\u200b]+/g, "").toLowerCase();

  /** 0 for a result not holding every word; else higher for a plan item, then for its title. */
  function rank(group, words) {
    const item = group.some(doc => doc.context) ? 2 : 0;
    let best = 0;
    for (const doc of group) {
      const title = plain(doc.title);
      const text = plain(doc.text);
      if (words.every(word => title.includes(word) || text.includes(word)))
        best = Math.max(best, 1 + item + (words.every(word => title.includes(word)) ? 1 : 0));
    }
    return best;
  }

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  /** The words a result must hold: the query's parts, without lunr's operators at their edges. */
  function wordsOf(query) {
    return query.trim().toLowerCase().split(/\s+/)
      .map(word => plain(word.replace(/^[+\-"]+/, "").replace(/(?:[~^]\d*|["*])+$/, "")))
      .filter(Boolean);
  }

  /** Put the results in order and say where each plan item is, before material renders them. */
  function arrange(items, query) {
    const words = wordsOf(query);
    const code = citation(query);
    if (words.length && !code) {
      const ranks = new Map(items.map(group => [group, rank(group, words)]));
      items.sort((a, b) => ranks.get(b) - ranks.get(a));  // stable: material's order stays
      for (const group of items)
        for (const doc of group) {
          // Enter opens the best-scored result (material's keyboard handler): let it be the first.
          doc.score += ranks.get(group) * RANKED;
          // The page it opens highlights what was typed, not the word beginnings searched for.
          if (ranks.get(group)) {
            doc.terms = {};
            for (const word of words)
              doc.terms[word] = true;
          }
        }
    }
    if (code)  // nothing to highlight on the item's page
      for (const group of items)
        for (const doc of group)
          doc.terms = {};
    for (const group of items)
      for (const doc of group)
        if (doc.context)
          doc.title = `<span class="plan-search-context">${escape(doc.context)}</span>${doc.title}`;
  }

  /* --- the worker's messages -------------------------------------------------------------- */

  // Queries sent, oldest first (the worker answers each with one RESULT): what the reader typed,
  // how many leading characters this attempt left out, and the first results that came back.
  const sent = [];
  const postMessage = Worker.prototype.postMessage;
  const addEventListener = Worker.prototype.addEventListener;
  const RETRIES = 4;
  const decided = new WeakMap();  // worker message event → the message material gets, or null

  /* The worker matches the beginnings of indexed words. A query that starts inside a word
     (地，处科级… after 落; 正负面清单 in 50项正负面清单; 入治 across 深入治理) may find nothing
     that holds it: search again without its first character (a few times at most, down to the
     last character), still putting results that hold all of it first. If none ever does, the
     first results are shown, as material found them. */
  function retry(worker, query) {
    const skip = query.skip + 1;
    if (sent.length || skip > RETRIES || citation(query.typed) || query.typed.trim().length - skip < 1)
      return false;
    sent.push({ ...query, skip });
    postMessage.call(worker, { type: QUERY, data: query.typed.trim().slice(skip) });
    return true;
  }

  /** What material gets for a RESULT: the arranged results, or null while they are not final. */
  function decide(worker, message) {
    const query = sent.shift() || { typed: "", skip: 0 };
    if (sent.length)  // the reader typed on: only the newest query's results are shown
      return null;
    const items = message.data.items;
    const words = wordsOf(query.typed);
    if (words.length && !citation(query.typed) && !items.some(group => rank(group, words))) {
      if (!query.first && items.length)
        query.first = message;
      if (retry(worker, query))
        return null;
      message = query.first || message;
    }
    arrange(message.data.items, query.typed);
    return message;
  }

  function isResult(message) {
    return message && message.type === RESULT && message.data && Array.isArray(message.data.items);
  }

  // Material listens to its worker before any script after it runs; this file is loaded first
  // (mkdocs.yml: extra.polyfills) and stands between the worker and material's listener.
  Worker.prototype.addEventListener = function (type, listener, ...rest) {
    if (type !== "message" || typeof listener !== "function")
      return addEventListener.call(this, type, listener, ...rest);
    const worker = this;
    return addEventListener.call(this, type, function (event) {
      if (!isResult(event.data))
        return listener.call(this, event);
      if (!decided.has(event))
        decided.set(event, decide(worker, event.data));
      const message = decided.get(event);
      if (message)
        return listener.call(this, new MessageEvent("message", { data: message }));
    }, ...rest);
  };

  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      sent.push({ typed: message.data, skip: 0 });
      // The status line says "… 结果" only for the newest query's results, never for older ones.
      const meta = document.querySelector(".md-search-result__meta");
      if (meta && message.data.trim())
        meta.textContent = SEARCHING;
      const code = citation(message.data);
      if (code)
        message = { ...message, data: code };
    }
    return postMessage.call(this, message, ...rest);
  };

  /* --- however text arrives --------------------------------------------------------------- */

  /* Material reads the search box on keyup (and on focus). Text that comes without a key of its
     own — pasted or dropped with the mouse, a candidate picked from an input method's list —
     would wait for the next key, and a keyup while an input method composes would search for
     half a word. So every change of the box, from `input` or an input method's commit
     (`compositionend`), hands material a keyup, and no keyup reaches it while composing.
     Material asks its worker only for a value it has not just asked for, so the reader's own
     keyup after a typed key adds no second query. */
  const BOX = "[data-md-component=search-query]";
  let composing = false;

  const isBox = target => target instanceof HTMLInputElement && target.matches(BOX);
  const ask = box => box.dispatchEvent(new KeyboardEvent("keyup"));

  window.addEventListener("compositionstart", event => {
    if (isBox(event.target))
      composing = true;
  }, true);
  window.addEventListener("compositionend", event => {
    if (!isBox(event.target))
      return;
    composing = false;
    ask(event.target);
  }, true);
  window.addEventListener("input", event => {
    if (isBox(event.target) && !composing && !event.isComposing)
      ask(event.target);
  }, true);
  // Window, capturing: before material's listener on the box itself.
  window.addEventListener("keyup", event => {
    if (isBox(event.target) && (composing || event.isComposing))
      event.stopImmediatePropagation();
  }, true);

  /* --- addresses -------------------------------------------------------------------------- */

  /** page.html?at=id&h=… → page.html?h=…#id, or null when *href* is no item address. */
  function anchored(href) {
    const url = new URL(href, location.href);
    const id = url.searchParams.get(AT);
    if (!id)
      return null;
    url.searchParams.delete(AT);
    url.hash = id;
    return url;
  }

  function turnBack() {
    const list = document.querySelector(".md-search-result__list");
    if (list)
      new MutationObserver(() => {
        for (const link of list.querySelectorAll("a.md-search-result__link")) {
          const url = anchored(link.getAttribute("href"));
          if (url)
            link.setAttribute("href", url.href);
        }
      }).observe(list, { childList: true, subtree: true });

    // Landed here by an item address (e.g. a result link copied before it was turned back).
    const landing = anchored(location.href);
    if (landing) {
      try {
        history.replaceState(history.state, "", landing.href);
      } catch (error) {  // some browsers refuse to rewrite file:// addresses
        location.hash = landing.hash;
      }
      const target = document.getElementById(decodeURIComponent(landing.hash.slice(1)));
      if (target)
        target.scrollIntoView();
    }
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", turnBack);
  else
    turnBack();
})();
