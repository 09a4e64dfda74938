/* Who answers (learner) or reviews (instructor), their drafts and their submitted attempts. */
import { store } from "./store.js";
import { UUID4, uuid4 } from "./ids.js";
import { elements, isObject, isString, now } from "./util.js";

export const ownRole = quiz => (quiz.mode === "review" ? "instructor" : "learner");
export const personInputs = (quiz, role) => elements(quiz.form, `fieldset[data-rr-role=${role}] input`);

export function person(quiz, role) {
  const [name, id] = personInputs(quiz, role);
  return name && id ? { name: name.value.trim(), id: id.value.trim() } : null;
}

export const isPerson = p => isObject(p) && isString(p.name) && isString(p.id);

export function attempts(moduleId) {
  const list = store.get("attempts:" + moduleId);
  if (!Array.isArray(list)) return [];
  return list.filter(a => isObject(a) && isString(a.reg) && isPerson(a.learner)
    && (a.instructor == null || isPerson(a.instructor))
    && Array.isArray(a.statements) && a.statements.every(isObject));
}

const ownerOf = (quiz, attempt) => (quiz.mode === "review" ? (attempt.instructor || {}).id : attempt.learner.id);

// The attempts of whoever is named in the form, or all of them while nobody is.
export function myAttempts(quiz) {
  const me = (person(quiz, ownRole(quiz)) || {}).id;
  return attempts(quiz.id).filter(a => !me || ownerOf(quiz, a) === me);
}

export function loadDraft(quiz) {
  const d = store.get("draft:" + quiz.id);
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
  };
}

export const newDraft = () => ({ reg: uuid4(), started: now(), answers: {}, notes: "", rep: null, done: false });
