/* Who answers (learner) or reviews (instructor), their drafts and their submitted attempts.
   Everything is kept per person: switching reps never shows another rep's answers or locks. */
import { store } from "./store.js";
import { UUID4, uuid4 } from "./ids.js";
import { currentRep, currentReviewer, idKey, isPerson } from "./rep.js";
import { elements, isObject, isString, now } from "./util.js";

export const ownRole = quiz => (quiz.mode === "review" ? "instructor" : "learner");
export const personInputs = (quiz, role) => elements(quiz.form, `fieldset[data-rr-role=${role}] input`);

// What the fields of ``role`` hold, trimmed.
export function typedPerson(quiz, role) {
  const [name, id] = personInputs(quiz, role);
  return name && id ? { name: name.value.trim(), id: idKey(id.value) } : null;
}

// The person answering this form: the browser's current rep, or on a review the reviewing
// manager (who, until they name themselves there, is whoever last took a quiz here).
export const me = quiz => (quiz.mode === "review" ? currentReviewer() || currentRep() : currentRep());

export function attempts(moduleId) {
  const list = store.get("attempts:" + moduleId);
  if (!Array.isArray(list)) return [];
  return list.filter(a => isObject(a) && isString(a.reg) && isPerson(a.learner)
    && (a.instructor == null || isPerson(a.instructor))
    && Array.isArray(a.statements) && a.statements.every(isObject));
}

// Whose attempt it is: the rep who took it, or the manager who wrote a review.
export const ownerOf = attempt => idKey((attempt.instructor || attempt.learner).id);

export function attemptsOf(moduleId, person) {
  if (!person) return [];
  const key = idKey(person.id);
  return attempts(moduleId).filter(a => ownerOf(a) === key);
}

export const myAttempts = quiz => attemptsOf(quiz.id, me(quiz));

const draftKey = (quiz, person) => `draft:${person ? idKey(person.id) : ""}:${quiz.id}`;

export function loadDraft(quiz, person) {
  const d = store.get(draftKey(quiz, person));
  if (!isObject(d) || !isString(d.reg) || !UUID4.test(d.reg) || !isString(d.started) || isNaN(Date.parse(d.started))) {
    return null;
  }
  return {
    reg: d.reg,
    started: d.started,
    answers: isObject(d.answers) ? d.answers : {},
    notes: isString(d.notes) ? d.notes : "",
    rep: isPerson(d.rep) ? d.rep : null,
    done: d.done === true,
    total: typeof d.total === "number" ? d.total : 0,
  };
}

export const saveDraft = (quiz, person, draft, later = false) => store[later ? "setLater" : "set"](draftKey(quiz, person), draft);
export const dropDraft = (quiz, person) => store.remove(draftKey(quiz, person));

export const newDraft = () => ({ reg: uuid4(), started: now(), answers: {}, notes: "", rep: null, done: false, total: 0 });
