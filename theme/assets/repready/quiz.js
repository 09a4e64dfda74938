/* RepReady quiz widget: grades practice quizzes, keeps answers in this browser and exports
   xAPI 1.0.3 statements built exactly like generator/xapi/statements.py build().
   An ES module (mkdocs.yml: extra_javascript with type: module): loaded once, set up per page
   (Material's document$ re-emits after instant navigation). The code of each item type
   (types/<type>.js) is fetched only by pages that use that type. */
import { sha1, uuid5 } from "./widget/ids.js";
import { loadKinds } from "./widget/kinds.js";
import { readQuiz, typeNames } from "./widget/page.js";
import { startQuiz } from "./widget/quiz-form.js";
import { elements } from "./widget/util.js";

// The site's root: this file is <root>/assets/repready/quiz.js.
const SITE = new URL("../../", import.meta.url).href;
// Never detect ourselves through a global name: element ids shadow window properties
// (<h1 id="repready"> makes window.repready an element). A registered symbol cannot be shadowed.
const LOADED = Symbol.for("repready.quiz");
// Forms expose their named controls as properties, so a flag on the form could be shadowed too.
const started = new WeakSet();
// The "My plan" page's script is fetched only by the page that needs it.
let planScript = null;

async function start(form) {
  try {
    startQuiz(readQuiz(form, await loadKinds(typeNames(form)), SITE));
  } catch (error) {
    console.error("repready: this quiz could not start", error);
  }
}

function init() {
  if (!planScript && document.querySelector("[data-rr-plan]")) {
    planScript = document.head.appendChild(
      Object.assign(document.createElement("script"), { src: SITE + "assets/repready/plan.js" }));
  }
  for (const form of elements(document, "form.rr-quiz")) {
    if (started.has(form)) continue;
    started.add(form);
    start(form);
  }
}

if (!window[LOADED]) {
  window[LOADED] = true;
  window.repready = { init, uuid5, sha1 };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
