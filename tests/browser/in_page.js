/* Run in every page the browser tests open, before the page's own scripts: the waits and
   readings they need, inside the page, so that a check costs firefox.mjs one call over WebDriver
   BiDi rather than one per poll (window.planTest). The search status line is material's: "正在初始化" until its worker has
   the index, "正在查找……" (search.js) while a query is out, "… 结果" when its results are shown. */
(() => {
  const META = ".md-search-result__meta";
  const BOX = "[data-md-component=search-query]";
  const LINKS = ".md-search-result__item a.md-search-result__link";
  const TIMEOUT = 30000;  // ms

  const status = () => document.querySelector(META)?.textContent ?? "";

  function until(ready, what) {
    return new Promise((resolve, reject) => {
      const start = performance.now();
      (function poll() {
        if (ready())
          resolve();
        else if (performance.now() - start > TIMEOUT)
          reject(new Error(`${location.pathname}：等了 ${TIMEOUT / 1000} 秒，${what}`));
        else
          setTimeout(poll, 10);
      })();
    });
  }

  /** The search worker has loaded its index and nothing on the page is moving. */
  async function ready() {
    await until(() => document.querySelector(META) && !status().includes("正在初始化"), "搜索仍未就绪");
    await until(() => document.getAnimations().every(a => a.playState !== "running"), "动画仍未结束");
  }

  /** The first *limit* result links, once a query beyond the first *sent* has its results shown. */
  async function results(limit, sent) {
    await until(() => window.planQueryLog.length > sent && /结果/.test(status()), "搜索结果没有出现");
    return [...document.querySelectorAll(LINKS)].slice(0, limit).map(a => a.href);
  }

  /** An empty, focused search box, its emptying answered; the query log starts afresh. */
  async function empty() {
    const box = document.querySelector(BOX);
    box.focus();
    if (box.value) {
      box.select();
      document.execCommand("delete");
    }
    await until(() => !/结果|正在查找/.test(status()), "清空搜索框后结果没有消失");
    // Material reads the box 1 ms after it gains focus: a reader never starts typing that soon,
    // but a test driving the page under load could, and that read would be taken for a query.
    await new Promise(resolve => setTimeout(resolve, 50));
    window.planQueryLog.length = 0;
  }

  /** Each of the (distinct) texts entered as an input method commits it (one input event), in
      place of the one before, with its result links. */
  async function search(texts, limit) {
    const box = document.querySelector(BOX);
    const found = {};
    for (const text of texts) {
      box.focus();
      box.select();
      const sent = window.planQueryLog.length;
      document.execCommand("insertText", false, text);
      found[text] = await results(limit, sent);
    }
    return found;
  }

  /** axe-core's violations of the WCAG *tags* on the page as it is now, in words. */
  async function violations(tags) {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map(v => `${v.id}（${v.help}）：` + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
  }

  Object.defineProperty(window, "planTest", { value: { ready, results, empty, search, violations } });
})();
