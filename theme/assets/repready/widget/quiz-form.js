/* One quiz form: who is answering, their draft kept as they answer, the count of answered
   questions, submit (with a guard on graded modules), the outcome, retry, export and removal. */
import { exportResults, removeData } from "./export.js";
import { showFeedback, scaleSummary } from "./feedback.js";
import { checkPeople, flag, problem } from "./fields.js";
import { layOut } from "./layout.js";
import {
  attempts, attemptsOf, dropDraft, loadDraft, me, myAttempts, newDraft, ownRole, personInputs, saveDraft, typedPerson,
} from "./people.js";
import { cleanName, idKey, isId, setCurrentRep, setCurrentReviewer } from "./rep.js";
import { buildStatements } from "./statements.js";
import { store } from "./store.js";
import { elements, hasKey, now, points } from "./util.js";

const notesField = quiz => quiz.form.querySelector("textarea");
const isReview = quiz => quiz.mode === "review";
const say = (quiz, text) => {
  quiz.part("rr-notice").textContent = text;
};
const questionName = q => (q.number ? q.number.textContent.replace(/ of \d+$/, "") : q.id);
const listed = names => (names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1] : names[0]);

/* Saving: each change records only the answer that changed, and the store writes the draft once
   per burst of changes (store.setLater), so answering costs the same on a page of 5 questions or 500. */
const scheduleSave = state => saveDraft(state.quiz, state.person, state.draft, true);
const saveNow = state => saveDraft(state.quiz, state.person, state.draft);

function noteAnswer(state, question) {
  const answer = question.kind.answer(question);
  if (answer) {
    state.draft.answers[question.id] = answer.kept;
    state.answered.add(question.id);
  } else {
    delete state.draft.answers[question.id];
    state.answered.delete(question.id);
  }
  showCount(state);
  disarm(state);
  scheduleSave(state);
}

function showCount(state) {
  state.quiz.form.querySelector(".rr-count").textContent = `${state.answered.size} of ${state.shown.length} answered`;
}

/* The graded guard: Submit with unanswered questions names them and asks again; the Submit
   button keeps focus and becomes "Submit anyway", and the alert is announced. */
function arm(state, missing) {
  const { quiz } = state, box = quiz.form.querySelector(".rr-confirm");
  state.armed = true;
  quiz.submit.textContent = "Submit anyway";
  box.textContent = "";
  const text = box.appendChild(document.createElement("p"));
  text.append(`${missing.length} of ${state.shown.length} questions are not answered: ${listed(missing.map(questionName))}. `
    + "This assessment can be submitted only once. Press Submit anyway to submit it as it is, or answer them first.");
  const go = box.appendChild(document.createElement("p"));
  for (const question of missing) {
    const button = go.appendChild(Object.assign(document.createElement("button"), { type: "button", className: "rr-link" }));
    button.dataset.rrGo = question.id;
    button.textContent = `Go to ${questionName(question)}`;
    go.append(" ");
  }
}

function disarm(state) {
  if (!state.armed) return;
  state.armed = false;
  state.quiz.submit.textContent = "Submit";
  state.quiz.form.querySelector(".rr-confirm").textContent = "";
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
  const describe = (attempt, i) => (isReview(quiz)
    ? `Review ${i + 1}: ${attempt.learner.name} (${attempt.learner.id})`
    : `Attempt ${i + 1}: `
      + (typeof attempt.pct === "number" ? attempt.pct + "%" : "submitted " + String(attempt.finished).slice(0, 10)));
  box.textContent = (isReview(quiz) ? "Your reviews: " : "Your attempts: ") + list.map(describe).join(" · ");
}

// "Answering as Dana Whitfield (rep-042) · Not you?", or the name and id fields while nobody is.
function showWho(state) {
  const { quiz } = state;
  if (isReview(quiz)) {
    const [name, id] = personInputs(quiz, "instructor");
    if (state.person && name && !name.value && !id.value) [name.value, id.value] = [state.person.name, state.person.id];
    return;
  }
  const bar = quiz.form.querySelector(".rr-rep"), fields = quiz.form.querySelector("fieldset[data-rr-role=learner]");
  const [name, id] = personInputs(quiz, "learner");
  if (!bar || !fields) return;
  bar.hidden = !state.person;
  fields.hidden = Boolean(state.person);
  name.value = state.person ? state.person.name : "";
  id.value = state.person ? state.person.id : "";
  for (const input of [name, id]) flag(input, "");
  if (state.person) bar.querySelector(".rr-rep-name").textContent = `Answering as ${state.person.name} (${state.person.id})`;
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
    if (score.missing.length) line(`Not answered, counted as wrong: ${score.missing.map(questionName).join(", ")}.`);
    line("Your answers are saved in this browser. Use Export results to send them to your manager.");
  } else if (quiz.mode === "graded") {
    line("Your answers were recorded in this browser. Use Export results and send the file to your manager; "
      + "this assessment can be submitted only once.");
  } else if (isReview(quiz)) {
    line("Review recorded in this browser. Results by scale:");
    result.append(scaleSummary(state));
    line("Use Export results to save your reviews as a file, and score it with your team's results.");
  } else {
    line("Recorded in this browser. Your results by scale:");
    result.append(scaleSummary(state));
    line("Use Export results to send them to your manager.");
  }
  quiz.form.querySelector(".rr-count").textContent = "";
  showHistory(state);
  if (focus) result.focus();
}

// Answers a type cannot read (a number field holding words) stop Submit, each flagged at its field.
function checkAnswers(state) {
  let first = null;
  for (const question of state.shown) {
    if (!question.kind.problem) continue;
    const found = question.kind.problem(question);
    for (const input of elements(question.fieldset, "input[aria-invalid]")) flag(input, "");
    if (!found) continue;
    flag(found[0], found[1]);
    if (!first) first = found[0];
  }
  if (first) first.focus();
  return !first;
}

function clearAnswers(state) {
  const { quiz } = state;
  for (const question of quiz.questions) {
    for (const input of elements(question.fieldset, "input")) {
      input.checked = false;
      if (input.type !== "radio" && input.type !== "checkbox") input.value = ""; // typed answers
    }
    for (const select of elements(question.fieldset, "select")) select.value = "";
    for (const note of elements(question.fieldset, ".rr-mark, .rr-option-feedback")) note.remove();
    for (const option of question.options) option.classList.remove("rr-right", "rr-wrong");
    if (question.kind.reset) question.kind.reset(question);
    if (question.feedback) question.feedback.textContent = "";
  }
  const notes = notesField(quiz);
  if (notes) notes.value = "";
  if (isReview(quiz)) for (const input of personInputs(quiz, "learner")) input.value = "";
  lock(state, false);
  disarm(state);
  quiz.submit.hidden = false;
  if (quiz.retry) quiz.retry.hidden = true;
  quiz.part("rr-result").textContent = "";
}

function restoreAnswers(state) {
  const { quiz, draft } = state;
  state.answered = new Set();
  for (const question of state.shown) {
    if (hasKey(draft.answers, question.id)) question.kind.restore(question, draft.answers[question.id]);
    if (question.kind.answer(question)) state.answered.add(question.id);
  }
  const notes = notesField(quiz);
  if (notes) notes.value = draft.notes;
  if (isReview(quiz) && draft.rep) {
    const [name, id] = personInputs(quiz, "learner");
    [name.value, id.value] = [draft.rep.name, draft.rep.id];
  }
}

// Shows this form as the current person left it: never anything of anyone else.
function load(state) {
  const { quiz } = state;
  state.person = me(quiz);
  clearAnswers(state);
  state.draft = loadDraft(quiz, state.person) || newDraft();
  layOut(state);
  state.draft.total = state.shown.length;
  restoreAnswers(state);
  if (state.draft.done || (quiz.mode === "graded" && myAttempts(quiz).length)) finish(state, false);
  else {
    showCount(state);
    showHistory(state);
  }
}

/* The person typed into the fields becomes the one answering. What they answered before naming
   themselves stays theirs, unless this browser already holds their own work on this quiz. */
function adopt(state, person) {
  const { quiz } = state;
  const kept = isReview(quiz) ? setCurrentReviewer(person) : setCurrentRep(person);
  if (!kept || (state.person && idKey(state.person.id) === kept.id)) return;
  if (loadDraft(quiz, kept) || attemptsOf(quiz.id, kept).length) {
    load(state);
    say(quiz, `Welcome back, ${kept.name}: your own answers on this quiz are shown.`);
    return;
  }
  dropDraft(quiz, state.person);
  state.person = kept;
  saveDraft(quiz, kept, state.draft);
}

function typedIfValid(quiz, role) {
  const typed = typedPerson(quiz, role);
  return typed && cleanName(typed.name) && isId(typed.id) ? typed : null;
}

function submit(state) {
  const { quiz } = state;
  if (state.draft.done) return;
  const roles = isReview(quiz) ? ["learner", "instructor"] : state.person ? [] : ["learner"];
  if (!checkPeople(quiz, roles)) return;
  if (!checkAnswers(state)) return;
  if (!state.person || isReview(quiz)) adopt(state, typedPerson(quiz, ownRole(quiz)));
  if (state.draft.done) return finish(state, true); // they had already submitted this one
  const missing = state.shown.filter(q => q.kind.scored && !state.answered.has(q.id));
  if (quiz.mode === "graded" && missing.length && !state.armed) return arm(state, missing);
  disarm(state);
  const responses = {}, notes = notesField(quiz);
  for (const question of state.shown) {
    const answer = question.kind.answer(question);
    if (answer) responses[question.id] = answer.response;
  }
  const attempt = {
    reg: state.draft.reg,
    started: state.draft.started,
    finished: now(),
    learner: isReview(quiz) ? typedPerson(quiz, "learner") : state.person,
    instructor: isReview(quiz) ? state.person : null,
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
    mode: quiz.mode,
    pct: verdict ? Math.round(verdict.result.score.scaled * 100) : null,
    mastered: verdict ? /passed$/.test(verdict.verb.id) : null,
    statements,
  };
  const kept = store.set("attempts:" + quiz.id, [...attempts(quiz.id), record]);
  // The exact statements Export writes for this attempt, for whoever listens (lrs.js sends them).
  document.dispatchEvent(new CustomEvent("repready:attempt", {
    detail: { rep: { ...attempt.learner }, module: quiz.id, statements: JSON.parse(JSON.stringify(statements)) },
  }));
  state.draft.done = true;
  saveNow(state);
  say(quiz, kept ? "" : "This browser would not save your answers: use Export results now, before you leave the page.");
  showWho(state);
  finish(state, true);
}

function retry(state) {
  const { quiz } = state;
  clearAnswers(state);
  state.draft = newDraft();
  layOut(state);
  state.draft.total = state.shown.length;
  restoreAnswers(state);
  saveDraft(quiz, state.person, state.draft);
  showCount(state);
  say(quiz, "New attempt: your answers were cleared; earlier attempts are kept.");
  const first = state.shown.length && state.shown[0].fieldset.querySelector("input, select, button");
  if (first) first.focus();
}

function exportNow(state) {
  const { quiz } = state;
  if (!state.person) {
    const typed = typedIfValid(quiz, ownRole(quiz));
    if (!typed) {
      checkPeople(quiz, [ownRole(quiz)]);
      say(quiz, "Enter your name and id first: results are exported per person.");
      return;
    }
    adopt(state, typed);
  }
  const outcome = exportResults(state.person);
  const next = isReview(quiz) ? " Score it with your team's results." : " Send this file to your manager.";
  say(quiz, outcome.text + (outcome.done ? next : ""));
  const remove = quiz.form.querySelector("[data-rr-action=remove]");
  if (remove) remove.hidden = !outcome.done;
}

function forget(state, text) {
  const { quiz } = state;
  if (isReview(quiz)) {
    store.remove("reviewer");
    for (const input of personInputs(quiz, "instructor")) input.value = "";
  } else setCurrentRep(null);
  load(state);
  showWho(state);
  const remove = quiz.form.querySelector("[data-rr-action=remove]");
  if (remove) remove.hidden = true;
  say(quiz, text);
  const first = personInputs(quiz, ownRole(quiz))[0];
  if (first) first.focus();
}

function act(state, button) {
  const { quiz } = state, action = button.dataset.rrAction;
  if (button.dataset.rrGo) {
    const question = quiz.questions.find(q => q.id === button.dataset.rrGo);
    const control = question && question.fieldset.querySelector("input, select, button");
    if (control) control.focus();
  } else if (action === "retry") retry(state);
  else if (action === "export") exportNow(state);
  else if (action === "not-me") {
      forget(state, "Enter your name and rep id to answer as yourself. The previous rep's answers stay theirs.");
  } else if (action === "remove" && state.person) {
      const who = state.person.id;
    removeData(state.person);
    forget(state, `Everything of ${who} was removed from this browser. The next person can start afresh.`);
  }
}

function listen(state) {
  const { quiz } = state, form = quiz.form;
  const byFieldset = new Map(quiz.questions.map(q => [q.fieldset, q]));
  form.addEventListener("submit", event => {
    event.preventDefault();
    submit(state);
  });
  // Enter in a text field or on a radio would submit implicitly; only the Submit button submits.
  form.addEventListener("keydown", event => {
    if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
  });
  form.addEventListener("change", event => {
    const question = byFieldset.get(event.target.closest("fieldset.rr-question"));
    if (question) return noteAnswer(state, question);
    const people = event.target.closest("fieldset.rr-person");
    if (people && people.dataset.rrRole === ownRole(quiz)) {
      const typed = typedIfValid(quiz, ownRole(quiz));
      if (typed) adopt(state, typed);
    } else if (people && isReview(quiz)) {
      state.draft.rep = typedPerson(quiz, "learner");
      scheduleSave(state);
    }
  });
  // Errors clear while typing, never on blur: a layout shift on blur can make the click that
  // caused it miss the Submit button.
  form.addEventListener("input", event => {
    if (event.target.getAttribute("aria-invalid") && !problem(event.target)) flag(event.target, "");
    if (event.target.tagName === "TEXTAREA") {
      state.draft.notes = event.target.value;
      scheduleSave(state);
    }
  });
  form.addEventListener("click", event => {
    const button = event.target.closest("button");
    if (!button || button.type === "submit") return;
    const question = byFieldset.get(button.closest("fieldset.rr-question"));
    if (question) {
      if (question.kind.press && question.kind.press(question, button)) noteAnswer(state, question);
    } else act(state, button);
  });
}

export function startQuiz(quiz) {
  const state = { quiz, person: null, draft: newDraft(), shown: [], options: {}, answered: new Set() };
  load(state);
  showWho(state);
  listen(state);
  for (const question of quiz.questions) {
    if (question.kind.attach) question.kind.attach(question, () => noteAnswer(state, question));
  }
  quiz.submit.disabled = false;
  quiz.form.classList.add("rr-ready");
}
