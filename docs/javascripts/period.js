/* 首页“文件信息”：whether the plan's period (实施期限) is running or over, by the reader's own date,
   so that a site built once does not go stale. Without script the period alone shows. */
(() => {
  "use strict";
  const year = new Date().getFullYear();
  for (const status of document.querySelectorAll("[data-plan-period-end]")) {
    const start = Number(status.dataset.planPeriodStart);
    const end = Number(status.dataset.planPeriodEnd);  // the period runs to the end of this year
    status.textContent = year > end ? "已届满" : year < start ? "尚未开始" : "实施中";
    status.hidden = false;
  }
})();
