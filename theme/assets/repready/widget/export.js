/* Export results: every attempt the current person made or reviewed in this browser, as one JSON
   file; and, once exported, removing that person's data from a shared computer. */
import { attempts, ownerOf } from "./people.js";
import { idKey } from "./rep.js";
import { store } from "./store.js";

const pad = x => String(x).padStart(2, "0");
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function everyAttempt() {
  return store.keys("attempts:").flatMap(key => attempts(key.slice("attempts:".length)));
}

// Downloads the person's attempts; returns what to tell them, and whether a file was written.
export function exportResults(person) {
  if (!person) return { text: "Enter your name and id first: results are exported per person.", done: false };
  const key = idKey(person.id), statements = [], others = new Set();
  let count = 0;
  for (const attempt of everyAttempt()) {
    if (ownerOf(attempt) === key) {
      count++;
      statements.push(...attempt.statements);
    } else others.add(ownerOf(attempt));
  }
  const elsewhere = others.size
    ? ` This browser also holds attempts under ${plural(others.size, "other id", "other ids")} (${[...others].sort().join(", ")}); `
      + "they are not in this file."
    : "";
  if (!count) return { text: `Nothing to export for ${key} yet: submit a quiz first.${elsewhere}`, done: false };
  const d = new Date();
  const file = `repready-results-${key.replace(/[^\w.@-]/g, "_")}-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.json`;
  const blob = new Blob([JSON.stringify({ statements }, null, 2)], { type: "application/json" });
  const link = Object.assign(document.createElement("a"), { download: file, hidden: true, href: URL.createObjectURL(blob) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  return {
    text: `Exported ${plural(count, "attempt", "attempts")} by ${key} (${statements.length} statements) to ${file}.${elsewhere}`,
    done: true,
  };
}

// Removes every attempt and draft of ``person`` from this browser (a shared computer, after exporting).
export function removeData(person) {
  const key = idKey(person.id);
  for (const name of store.keys("attempts:")) {
    const all = attempts(name.slice("attempts:".length)), kept = all.filter(a => ownerOf(a) !== key);
    if (kept.length !== all.length) {
      if (kept.length) store.set(name, kept);
      else store.remove(name);
    }
  }
  for (const name of store.keys(`draft:${key}:`)) store.remove(name);
}
