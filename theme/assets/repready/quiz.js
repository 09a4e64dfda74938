/* RepReady quiz widget: grades practice quizzes, keeps answers in this browser and exports
   xAPI 1.0.3 statements built exactly like generator/xapi/statements.py build().
   An ES module (mkdocs.yml: extra_javascript with type: module): loaded once, set up per page
   (Material's document$ re-emits after instant navigation). The code of each item type
   (types/<type>.js) is fetched only by pages that use that type. Pages load the minified
   bundles in dist/ (npm run build), which keep this layout: dist/quiz.js, dist/types/. */
import { sha1, uuid5 } from "./widget/ids.js";
import { loadKinds } from "./widget/kinds.js";
import { readQuiz, typeNames } from "./widget/page.js";
import { startQuiz } from "./widget/quiz-form.js";
import { readStartLink } from "./widget/rep.js";
import { store } from "./widget/store.js";
import { elements } from "./widget/util.js";

// The site's root: this file is <root>/assets/repready/quiz.js, or its bundle in dist/.
const SITE = import.meta.url.replace(/assets\/repready\/[^?#]*([?#].*)?$/, "");
const TYPES = new URL("./types/", import.meta.url).href;
// Never detect ourselves through a global name: element ids shadow window properties
// (<h1 id="repready"> makes window.repready an element). A registered symbol cannot be shadowed.
const LOADED = Symbol.for("repready.quiz");
// Forms expose their named controls as properties, so a flag on the form could be shadowed too.
const started = new WeakSet();
// The "My plan" page's script is fetched only by the page that needs it.
let planScript = null;

async function startForm(form) {
  try {
    startQuiz(readQuiz(form, await loadKinds(typeNames(form), TYPES), SITE));
  } catch (error) {
    console.error("repready: this quiz could not start", error);
  }
}

async function startProgress(root) {
  try {
    // A computed address: the bundler leaves it alone, so quiz pages never carry progress.js.
    (await import(`${SITE}assets/repready/progress.js`)).showProgress(root);
  } catch (error) {
    console.error("repready: progress could not be shown", error);
  }
}

function init() {
  // A new page (instant navigation keeps this script): answers still waiting to be written reach
  // localStorage first, where the progress and plan scripts, which do not share this bundle, read them.
  store.flush();
  readStartLink();
  if (!planScript && document.querySelector("[data-rr-plan]")) {
    planScript = document.head.appendChild(
      Object.assign(document.createElement("script"), { src: SITE + "assets/repready/plan.js" }));
  }
  for (const root of elements(document, "[data-rr-progress]")) {
    if (started.has(root)) continue;
    started.add(root);
    startProgress(root);
  }
  for (const form of elements(document, "form.rr-quiz")) {
    if (started.has(form)) continue;
    started.add(form);
    startForm(form);
  }
}

if (!window[LOADED]) {
  window[LOADED] = true;
  // Before anything else: the link's data leaves the address bar at once.
  readStartLink();
  window.repready = { init, uuid5, sha1 };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
