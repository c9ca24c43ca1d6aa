/* Text arriving in the search box without being typed key by key, delivered to the page as the
   browser delivers it: the events of each way, in the order Chromium and Firefox fire them,
   dispatched on the box. An input method's are those Chromium's own IME path fires
   (compositionstart; per step compositionupdate, then beforeinput and input with isComposing;
   compositionend), with the keys a reader presses while composing. Nothing else happens: no key
   is pressed unless the way has one. Both browsers' drivers call this with (way, text) on an
   empty, focused search box (tests/browser/arrivals.py), and with "select on page" to select
   text a reader then copies with Ctrl+C. */
async (way, text) => {
  const box = document.querySelector("[data-md-component=search-query]");
  const fire = (Kind, type, init = {}) =>
    box.dispatchEvent(new Kind(type, { bubbles: true, cancelable: true, composed: true, ...init }));
  const change = (value, inputType, data, isComposing = false) => {
    fire(InputEvent, "beforeinput", { inputType, data, isComposing });
    box.value = value;
    fire(InputEvent, "input", { inputType, data, isComposing });
  };
  // While composing, keys are 229 "Process" to the page (Firefox and Chromium alike).
  const key = (type, name, isComposing) =>
    fire(KeyboardEvent, type, { key: isComposing && type === "keydown" ? "Process" : name,
                                keyCode: isComposing ? 229 : 0, isComposing });
  // Room for a query that should not go out to go out, before the next step.
  const pause = () => new Promise(resolve => setTimeout(resolve, 30));
  const carrying = () => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    return data;
  };

  /* The pinyin being typed (letters), then the characters the input method proposes, growing. */
  async function compose(commit) {
    const steps = ["x", "xi", ...[1, 2, 3].map(n => text.slice(0, Math.ceil(text.length * n / 4)))];
    key("keydown", "x", false);
    fire(CompositionEvent, "compositionstart", { data: "" });
    for (const [i, step] of steps.entries()) {
      if (i)
        key("keydown", "i", true);
      fire(CompositionEvent, "compositionupdate", { data: step });
      change(step, "insertCompositionText", step, true);
      key("keyup", "i", true);
      await pause();
    }
    if (commit === "key")  // the space bar (or a digit) takes the first candidate
      key("keydown", " ", true);
    fire(CompositionEvent, "compositionupdate", { data: text });
    change(text, "insertCompositionText", text, true);
    fire(CompositionEvent, "compositionend", { data: text });
    if (commit === "key")
      key("keyup", " ", false);
  }

  switch (way) {
    case "paste by mouse":  // 粘贴 from the context menu: the paste event, then the text is in
      fire(ClipboardEvent, "paste", { clipboardData: carrying() });
      change(text, "insertFromPaste", null);
      break;
    case "drop": {  // text dragged from the page or another program and let go over the box
      const data = carrying();
      for (const type of ["dragenter", "dragover", "drop"])
        fire(DragEvent, type, { dataTransfer: data });
      change(text, "insertFromDrop", null);
      fire(DragEvent, "dragend", { dataTransfer: data });
      break;
    }
    case "candidate by key":
      await compose("key");
      break;
    case "candidate by mouse":  // picked in the input method's list: no key, no event in the page
      await compose("mouse");
      break;
    case "select on page": {  // before copying: *text* selected where the article first shows it
      box.blur();
      const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(text);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return true;
        }
      }
      return false;
    }
    default:
      throw new Error(`unknown way: ${way}`);
  }
}
