/* Run in every page before its own scripts (both browsers' test drivers): every query the page
   sends to its search worker, in order, and whether an input method was composing at the time.
   window.planQueryLog is what the search tests count. */
(() => {
  const log = [];
  let composing = false;
  // Capturing on window, registered before any page script: seen before the page's own handlers.
  window.addEventListener("compositionstart", () => { composing = true; }, true);
  window.addEventListener("compositionend", () => { composing = false; }, true);
  const postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2)  // material's SearchMessageType.QUERY
      log.push({ text: message.data, composing });
    return postMessage.call(this, message, ...rest);
  };
  Object.defineProperty(window, "planQueryLog", { value: log });
})();
