/* Progress of the current rep in this browser: each module's status on the quiz index, and the
   "My progress" page (by topic and competency, what to do next, Export). Fetched only by those
   pages. Everything comes from this browser's storage and the page's own catalogue; text goes
   in with textContent only. */
import { exportResults, removeData } from "./widget/export.js";
import { attemptsOf, loadDraft } from "./widget/people.js";
import { currentRep, idKey, setCurrentRep } from "./widget/rep.js";
import { store } from "./widget/store.js";
import { elements, isObject, parseJson } from "./widget/util.js";

const ANSWERED = "http://adlnet.gov/expapi/verbs/answered";
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const make = (parent, tag, text) => {
  const element = parent.appendChild(document.createElement(tag));
  if (text !== undefined) element.textContent = text;
  return element;
};

function catalogue(root) {
  const data = parseJson(root.dataset.rrCatalog);
  if (!isObject(data) || !Array.isArray(data.modules)) return null;
  const links = {};
  for (const a of elements(document, "a[data-rr-progress-module]")) links[a.dataset.rrProgressModule] = a.getAttribute("href");
  const index = document.querySelector("a[data-rr-progress-index]");
  return { ...data, links, index: index && index.getAttribute("href") };
}

// Where a rep stands on one module: never started, in progress, done (with its best score) or mastered.
export function moduleStatus(module, rep) {
  const done = attemptsOf(module.id, rep), draft = loadDraft(module, rep);
  const answered = draft && !draft.done ? Object.keys(draft.answers).length : 0;
  const scores = done.map(a => a.pct).filter(p => typeof p === "number");
  const best = scores.length ? Math.max(...scores) : null;
  const mastered = done.some(a => a.mastered === true || (a.mastered == null && typeof a.pct === "number" && a.pct >= module.mastery * 100));
  const going = answered ? `in progress, ${answered} of ${draft.total || module.total} answered` : "";
  let text;
  if (!done.length) text = going ? going[0].toUpperCase() + going.slice(1) : "Not started";
  else if (module.mode === "practice") text = (mastered ? `Mastered (best ${best}%)` : `Best score ${best}%, not yet mastered`) + (going ? `; ${going}` : "");
  else if (module.mode === "graded") text = "Submitted";
  else text = `${module.mode === "review" ? plural(done.length, "review", "reviews") : plural(done.length, "time", "times")} done` + (going ? `; ${going}` : "");
  return { text, started: Boolean(done.length || answered), mastered, best, done: done.length > 0 };
}

function who(rep, page) {
  if (rep) return `${page ? "Progress" : "Status"} of ${rep.name} (${rep.id}) in this browser.`;
  return "Open any quiz and enter your name and rep id (or use your personal link) to see your status here.";
}

function showIndex(root, data) {
  const rep = currentRep(), byId = new Map(data.modules.map(m => [m.id, m]));
  root.textContent = who(rep, false);
  for (const cell of elements(document, "[data-rr-status]")) {
    const module = byId.get(cell.dataset.rrStatus);
    cell.textContent = module && rep ? moduleStatus(module, rep).text : "";
  }
}

// The next step: the plan's first unfinished module, or else the practice module furthest from mastery.
function nextStep(data, rep, statuses) {
  const plan = store.get(`plan:${idKey(rep.id)}`);
  const planned = Array.isArray(plan) ? plan.map(id => data.modules.find(m => m.id === id)).filter(Boolean) : [];
  const open = planned.find(m => !(statuses.get(m.id).mastered || (m.mode !== "practice" && statuses.get(m.id).done)));
  const said = m => statuses.get(m.id).text.toLowerCase();
  if (open) return { module: open, why: `, the next module of your plan (${said(open)}).` };
  const practice = data.modules.filter(m => m.mode === "practice" && !statuses.get(m.id).mastered);
  practice.sort((a, b) => (statuses.get(a.id).best || 0) - (statuses.get(b.id).best || 0));
  const low = practice[0];
  if (low) return { module: low, why: statuses.get(low.id).done ? ` again, your lowest practice score (${said(low)}).` : ": not started yet." };
  const final = data.modules.find(m => m.mode === "graded" && !statuses.get(m.id).done);
  return final ? { module: final, why: ": every practice module is mastered." } : null;
}

function link(parent, data, module) {
  const href = data.links[module.id];
  const a = make(parent, href ? "a" : "span", module.title);
  if (href) a.setAttribute("href", href);
  return a;
}

const PRESENTED = "https://w3id.org/repready/xapi/presented";

function shownQuestions(statements) {
  const first = statements[0], extensions = first && first.context && first.context.extensions;
  const shown = isObject(extensions) && isObject(extensions[PRESENTED]) ? extensions[PRESENTED].questions : null;
  return Array.isArray(shown) ? shown.filter(q => typeof q === "string") : null;
}

function competencies(data, rep) {
  const sums = new Map(), modules = new Map(data.modules.map(m => [m.id, m]));
  for (const module of data.modules) {
    if (module.mode !== "practice" || !isObject(module.questions)) continue;
    const last = attemptsOf(module.id, rep).at(-1);
    if (!last) continue;
    // Every question shown counts, an unanswered one as wrong, as the score after Submit says.
    const scores = new Map(), presented = shownQuestions(last.statements);
    for (const question of presented || Object.keys(module.questions)) scores.set(question, 0);
    for (const statement of last.statements) {
      const score = statement.result && statement.result.score;
      if (!isObject(statement.verb) || statement.verb.id !== ANSWERED || !isObject(score) || typeof score.scaled !== "number") continue;
      scores.set(String(statement.object && statement.object.id).split("/").pop(), score.scaled);
    }
    for (const [question, scaled] of scores) {
      for (const competency of module.questions[question] || []) {
        const sum = sums.get(competency) || { total: 0, count: 0, mastery: 0 };
        sum.total += scaled;
        sum.count += 1;
        sum.mastery = Math.max(sum.mastery, modules.get(module.id).mastery);
        sums.set(competency, sum);
      }
    }
  }
  return sums;
}

function showPage(root, data) {
  const rep = currentRep(), part = name => root.querySelector(name);
  part(".rr-progress-who").textContent = who(rep, true);
  const next = part(".rr-next"), topics = part(".rr-by-topic"), table = part(".rr-by-competency");
  for (const box of [next, topics, table]) box.textContent = "";
  if (!rep) {
    next.append("Start with any quiz of the ");
    link(next, { links: { index: data.index } }, { id: "index", title: "quiz index" });
    next.append(".");
    return;
  }
  const statuses = new Map(data.modules.map(m => [m.id, moduleStatus(m, rep)]));
  const step = nextStep(data, rep, statuses);
  if (step) {
    next.append("Take ");
    link(make(next, "strong"), data, step.module);
    next.append(step.why);
  } else next.append("You have done every module. Export your results and send the file to your manager.");

  for (const topic of data.topics) {
    const modules = data.modules.filter(m => m.topic === topic.id);
    if (!modules.length) continue;
    make(topics, "h3", topic.title);
    const list = make(topics, "ul");
    for (const module of modules) {
      const item = make(list, "li");
      link(item, data, module);
      item.append(` — ${statuses.get(module.id).text}`);
    }
  }

  const sums = competencies(data, rep);
  const grid = make(table, "table"), head = make(make(grid, "thead"), "tr"), body = make(grid, "tbody");
  for (const title of ["Competency", "Your score", "Questions", "Status"]) make(head, "th", title).scope = "col";
  for (const competency of data.competencies) {
    const sum = sums.get(competency.id), row = make(body, "tr");
    make(row, "th", competency.title).scope = "row";
    const score = sum ? sum.total / sum.count : null;
    make(row, "td", score === null ? "—" : `${Math.round(score * 100)}%`);
    make(row, "td", sum ? String(sum.count) : "0");
    make(row, "td", score === null ? "No evidence yet" : score >= sum.mastery ? "Mastered" : "Not yet mastered");
  }
}

function listen(root, data) {
  const notice = root.querySelector(".rr-notice"), remove = root.querySelector("[data-rr-action=remove]");
  root.addEventListener("click", event => {
    const button = event.target.closest("button[data-rr-action]"), rep = currentRep();
    if (!button) return;
    if (!rep) {
      notice.textContent = "Nothing to export: this browser does not know who you are yet. Open a quiz and enter your name and rep id.";
    } else if (button.dataset.rrAction === "export") {
      const outcome = exportResults(rep);
      notice.textContent = outcome.text + (outcome.done ? " Send this file to your manager." : "");
      remove.hidden = !outcome.done;
    } else if (button.dataset.rrAction === "remove") {
      removeData(rep);
      store.remove(`plan:${rep.id}`);
      setCurrentRep(null);
      remove.hidden = true;
      showPage(root, data);
      notice.textContent = `Everything of ${rep.id} was removed from this browser. The next person can start afresh.`;
    }
  });
}

export function showProgress(root) {
  const data = catalogue(root);
  if (!data) return;
  if (root.dataset.rrProgress === "index") return showIndex(root, data);
  showPage(root, data);
  listen(root, data);
}
