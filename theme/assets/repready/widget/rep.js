/* The current rep of this browser: one at a time, set by the rep (name and id in a quiz) or by a
   personal start link, and switched with "Not you?". Ids are compared trimmed and
   case-insensitively everywhere (as generator/results/statement.py person_key does), so ids are
   kept in that form. */
import { store } from "./store.js";
import { isObject, isString } from "./util.js";

const ID = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
// Control and bidirectional-override characters never reach a name shown on the page.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LINK = "#repready?";

export const idKey = id => String(id).trim().toLowerCase();
export const isId = id => isString(id) && ID.test(id.trim());
export const cleanName = name =>
  (isString(name) ? name.replace(UNSAFE, " ").replace(/\s+/g, " ").trim().slice(0, 120) : "");
export const isPerson = p => isObject(p) && isString(p.name) && isString(p.id);
export const samePerson = (a, b) => isPerson(a) && isPerson(b) && idKey(a.id) === idKey(b.id);
const person = p =>
  (isPerson(p) && cleanName(p.name) && isId(p.id) ? { name: cleanName(p.name), id: idKey(p.id) } : null);

// The rep answering in this browser, or null. "learner" is where earlier versions kept it.
export const currentRep = () => person(store.get("rep")) || person(store.get("learner"));

// Makes ``p`` the current rep (null: nobody, after "Not you?"); returns the rep as kept.
export function setCurrentRep(p) {
  const rep = person(p);
  if (rep) store.set("rep", rep);
  else store.remove("rep");
  store.remove("learner");
  return rep;
}

// The manager filling in reviews in this browser, kept apart from the rep answering quizzes.
export const currentReviewer = () => person(store.get("reviewer"));
export const setCurrentReviewer = p => {
  const reviewer = person(p);
  if (reviewer) store.set("reviewer", reviewer);
  return reviewer;
};

/* A personal start link: the portal's address + #repready?name=...&id=... (and, for the LRS
   sender, &endpoint=...&auth=...). The rep it names becomes the current one and the whole
   fragment leaves the address bar, so a copied address or a screenshot never carries it. */
export function readStartLink() {
  if (!location.hash.startsWith(LINK)) return null;
  const fields = new URLSearchParams(location.hash.slice(LINK.length));
  const rep = setCurrentRep({ name: fields.get("name"), id: fields.get("id") });
  history.replaceState(history.state, "", location.pathname + location.search);
  return rep;
}
