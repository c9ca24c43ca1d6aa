/* compare.html: the redline between two versions of the plan, chosen with two pickers.

   Every pair's redline was worked out when the site was built, by the comparison 修订记录 uses
   (plansite/outputs/compare_data.py), and arrives as window.planCompare from compare-data.js, a
   script element (pages opened from a folder may not fetch files). This script only picks the
   pair and keeps the choice in the address (?from=…&to=…), so that it can be bookmarked. */
(() => {
  "use strict";

  const data = window.planCompare;
  const form = document.querySelector(".plan-compare-form");
  if (!data || !form)
    return;
  const from = form.elements.from;
  const to = form.elements.to;
  const status = document.getElementById("plan-compare-status");
  const output = document.getElementById("plan-compare-output");
  const versions = new Map(data.versions.map(v => [v.slug, v]));
  const canonical = slug => versions.get(slug).same || slug;

  /** The newest version against the one before it: the latest change. */
  function latest() {
    const distinct = data.versions.filter(v => !v.same);
    const newest = data.versions[data.versions.length - 1].slug;  // the current text
    return [distinct[distinct.length - 2].slug, newest];
  }

  function link(version) {
    const a = document.createElement("a");
    a.href = version.page;
    a.textContent = version.label;
    return a;
  }

  /** The summary (announced: the status region) and the two full texts, then the redline by item. */
  function show(a, b) {
    from.value = a;
    to.value = b;
    output.textContent = "";
    if (canonical(a) === canonical(b)) {
      status.textContent = "两边是同一个版本：请在“从”或“到”中另选一个版本。";
      return;
    }
    const [summary, ...groups] = data.pairs[`${canonical(a)}~${canonical(b)}`];
    const text = i => data.strings[i];
    status.innerHTML = text(summary);
    const pages = document.createElement("p");
    pages.className = "plan-compare-pages";
    pages.append("两个版本的全文：", link(versions.get(a)), "、", link(versions.get(b)));
    status.append(pages);
    output.innerHTML = groups.map(([heading, ...changes]) => '<section class="plan-compare-group">' +
      `<h2>${text(heading)}</h2><ul>${changes.map(text).join("")}</ul></section>`).join("");
  }

  function choose() {
    show(from.value, to.value);
    const address = `?from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;
    try {
      history.replaceState(null, "", address);
    } catch (refused) {  // a browser that keeps a page opened from a folder at its address
    }
  }

  const asked = new URLSearchParams(location.search);
  const [a, b] = latest();
  const wanted = [asked.get("from") || a, asked.get("to") || b];
  const unknown = wanted.filter(slug => !versions.has(slug));
  show(...wanted.map((slug, i) => versions.has(slug) ? slug : [a, b][i]));
  if (unknown.length)
    status.prepend(`地址中的版本“${unknown.join("”“")}”不存在，已改为显示最近的修改。`);

  form.addEventListener("submit", event => {
    event.preventDefault();
    choose();
  });
  from.addEventListener("change", choose);
  to.addEventListener("change", choose);
})();
