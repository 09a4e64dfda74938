/* One quiz form: restore the draft, keep it as the rep answers, submit, show the outcome, retry. */
import { exportResults } from "./export.js";
import { showFeedback, scaleSummary } from "./feedback.js";
import { checkPeople, flag, problem } from "./fields.js";
import { layOut } from "./layout.js";
import { attempts, isPerson, loadDraft, myAttempts, newDraft, ownRole, person, personInputs } from "./people.js";
import { buildStatements } from "./statements.js";
import { store } from "./store.js";
import { elements, hasKey, now, points } from "./util.js";

const notesField = quiz => quiz.form.querySelector("textarea");
const say = (quiz, text) => {
  quiz.part("rr-notice").textContent = text;
};

function save(state) {
  const { quiz, draft } = state, notes = notesField(quiz);
  draft.answers = {};
  for (const question of state.shown) {
    const answer = question.kind.answer(question);
    if (answer) draft.answers[question.id] = answer.kept;
  }
  if (notes) draft.notes = notes.value;
  if (quiz.mode === "review") draft.rep = person(quiz, "learner");
  store.set("draft:" + quiz.id, draft);
}

function showHistory(state) {
  const { quiz } = state, box = quiz.form.querySelector(".rr-history");
  if (!box) return;
  const list = myAttempts(quiz);
  box.hidden = !list.length;
  if (!list.length) {
    box.textContent = "";
    return;
  }
  const describe = (attempt, i) => (quiz.mode === "review"
    ? `Review ${i + 1}: ${attempt.learner.name} (${attempt.learner.id})`
    : `Attempt ${i + 1}: `
      + (typeof attempt.pct === "number" ? attempt.pct + "%" : "submitted " + String(attempt.finished).slice(0, 10)));
  box.textContent = (quiz.mode === "review" ? "Your reviews: " : "Your attempts: ") + list.map(describe).join(" · ");
}

function lock(state, locked) {
  for (const question of state.quiz.questions) question.fieldset.disabled = locked;
  const notes = notesField(state.quiz);
  if (notes) notes.disabled = locked;
}

// The state after a submission: answers locked and the outcome shown (also after a reload).
function finish(state, focus) {
  const { quiz } = state, result = quiz.part("rr-result");
  lock(state, true);
  quiz.submit.hidden = true;
  if (quiz.retry) quiz.retry.hidden = quiz.mode === "graded";
  result.textContent = "";
  for (const question of quiz.questions) if (question.feedback) question.feedback.textContent = "";
  const line = text => result.appendChild(document.createElement("p")).append(text);
  if (quiz.mode === "practice") {
    const score = showFeedback(state), mastered = score.scaled >= quiz.mastery;
    result.appendChild(document.createElement("p")).appendChild(document.createElement("strong")).append(
      `Score: ${points(score.raw)} of ${score.max} (${Math.round(score.scaled * 100)}%) — `
      + `${mastered ? "mastered" : "not yet mastered"} (threshold ${Math.round(quiz.mastery * 100)}%).`);
    if (score.missing.length) {
      const names = score.missing.map(q => (q.number ? q.number.textContent.replace(/ of \d+$/, "") : q.id));
      line(`Not answered, counted as wrong: ${names.join(", ")}.`);
    }
    line("Your answers are saved in this browser. Use Export results to send them to your manager.");
  } else if (quiz.mode === "graded") {
    line("Your answers were recorded in this browser. Use Export results and send the file to your manager; "
      + "this assessment can be submitted only once.");
  } else {
    line(quiz.mode === "review" ? "Review recorded in this browser. Results by scale:" : "Recorded in this browser. Your results by scale:");
    result.append(scaleSummary(state));
    line("Use Export results to send them to your manager.");
  }
  showHistory(state);
  if (focus) result.focus();
}

function submit(state) {
  const { quiz } = state;
  if (state.draft.done) return;
  if (!checkPeople(quiz, quiz.mode === "review" ? ["learner", "instructor"] : ["learner"])) return;
  store.set("learner", person(quiz, ownRole(quiz)));
  save(state);
  const responses = {}, notes = notesField(quiz);
  for (const question of state.shown) {
    const answer = question.kind.answer(question);
    if (answer) responses[question.id] = answer.response;
  }
  const attempt = {
    reg: state.draft.reg,
    started: state.draft.started,
    finished: now(),
    learner: person(quiz, "learner"),
    instructor: quiz.mode === "review" ? person(quiz, "instructor") : null,
    responses,
    shown: state.shown,
    options: state.options,
    notes: notes ? notes.value.trim() : "",
  };
  const statements = buildStatements(quiz, attempt);
  const verdict = statements.find(s => /(passed|failed)$/.test(s.verb.id));
  const record = {
    reg: attempt.reg,
    finished: attempt.finished,
    learner: attempt.learner,
    instructor: attempt.instructor,
    pct: verdict ? Math.round(verdict.result.score.scaled * 100) : null,
    statements,
  };
  const kept = store.set("attempts:" + quiz.id, [...attempts(quiz.id), record]);
  // The exact statements Export writes for this attempt, for whoever listens (lrs.js sends them).
  document.dispatchEvent(new CustomEvent("repready:attempt", {
    detail: { rep: { ...attempt.learner }, module: quiz.id, statements: JSON.parse(JSON.stringify(statements)) },
  }));
  state.draft.done = true;
  store.set("draft:" + quiz.id, state.draft);
  say(quiz, kept ? "" : "This browser would not save your answers: use Export results now, before you leave the page.");
  finish(state, true);
}

function retry(state) {
  const { quiz } = state;
  state.draft = newDraft();
  for (const question of quiz.questions) {
    question.fieldset.disabled = false;
    for (const input of elements(question.fieldset, "input")) input.checked = false;
    for (const select of elements(question.fieldset, "select")) select.value = "";
    for (const note of elements(question.fieldset, ".rr-mark, .rr-option-feedback")) note.remove();
    for (const option of question.options) option.classList.remove("rr-right", "rr-wrong");
    if (question.kind.reset) question.kind.reset(question);
    question.moved = false;
    if (question.feedback) question.feedback.textContent = "";
  }
  const notes = notesField(quiz);
  if (notes) notes.value = "";
  if (quiz.mode === "review") for (const input of personInputs(quiz, "learner")) input.value = "";
  lock(state, false);
  layOut(state);
  store.set("draft:" + quiz.id, state.draft);
  quiz.submit.hidden = false;
  quiz.retry.hidden = true;
  quiz.part("rr-result").textContent = "";
  say(quiz, "New attempt: your answers were cleared; earlier attempts are kept.");
  const first = state.shown.length && state.shown[0].fieldset.querySelector("input, select, button");
  if (first) first.focus();
}

function restore(state) {
  const { quiz, draft } = state;
  for (const question of state.shown) {
    if (hasKey(draft.answers, question.id)) question.kind.restore(question, draft.answers[question.id]);
  }
  const saved = store.get("learner");
  const fill = (role, who) => {
    if (who) personInputs(quiz, role).forEach((input, i) => {
      if (!input.value) input.value = i ? who.id : who.name;
    });
  };
  fill(ownRole(quiz), isPerson(saved) ? saved : null);
  if (quiz.mode === "review") fill("learner", draft.rep);
  const notes = notesField(quiz);
  if (notes && !notes.value) notes.value = draft.notes;
}

function listen(state) {
  const { quiz } = state, form = quiz.form;
  form.addEventListener("submit", event => {
    event.preventDefault();
    submit(state);
  });
  // Enter in a text field or on a radio would submit implicitly; only the Submit button submits.
  form.addEventListener("keydown", event => {
    if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
  });
  form.addEventListener("change", event => {
    const people = event.target.closest("fieldset.rr-person");
    if (people && people.dataset.rrRole === ownRole(quiz)) store.set("learner", person(quiz, ownRole(quiz)));
    save(state);
  });
  // Errors clear while typing, never on blur: a layout shift on blur can make the click that
  // caused it miss the Submit button.
  form.addEventListener("input", event => {
    if (event.target.getAttribute("aria-invalid") && !problem(event.target)) flag(event.target, "");
    if (event.target.tagName === "TEXTAREA") save(state);
  });
  form.addEventListener("click", event => {
    const button = event.target.closest("button");
    if (!button) return;
    const question = quiz.questions.find(q => q.fieldset.contains(button));
    if (question) {
      if (question.kind.press && question.kind.press(question, button)) save(state);
    } else if (button.dataset.rrAction === "retry") retry(state);
    else if (button.dataset.rrAction === "export") exportResults(quiz, text => say(quiz, text));
  });
}

export function startQuiz(quiz) {
  const state = { quiz, draft: loadDraft(quiz) || newDraft() };
  layOut(state);
  restore(state);
  if (state.draft.done || (quiz.mode === "graded" && myAttempts(quiz).length)) finish(state, false);
  else showHistory(state);
  listen(state);
  quiz.form.classList.add("rr-ready");
}
