/* Export results: every attempt this person made or reviewed in this browser, as one JSON file. */
import { checkPeople } from "./fields.js";
import { attempts, isPerson, ownRole, person } from "./people.js";
import { store } from "./store.js";

const pad = x => String(x).padStart(2, "0");

export function exportResults(quiz, say) {
  const role = ownRole(quiz), named = person(quiz, role), saved = store.get("learner");
  const me = (named && named.id) || (isPerson(saved) ? saved.id : "");
  if (!me) {
    checkPeople(quiz, [role]);
    say("Enter your id first: results are exported per person.");
    return;
  }
  const statements = [];
  let count = 0;
  for (const key of store.keys("attempts:")) {
    for (const attempt of attempts(key.slice("attempts:".length))) {
      if (attempt.learner.id === me || (attempt.instructor && attempt.instructor.id === me)) {
        count++;
        statements.push(...attempt.statements);
      }
    }
  }
  if (!count) {
    say("Nothing to export yet: submit a quiz first.");
    return;
  }
  const d = new Date();
  const file = `repready-results-${me.replace(/[^\w.@-]/g, "_")}-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}.json`;
  const blob = new Blob([JSON.stringify({ statements }, null, 2)], { type: "application/json" });
  const link = Object.assign(document.createElement("a"), { download: file, hidden: true, href: URL.createObjectURL(blob) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  const attemptsWord = count === 1 ? "attempt" : "attempts";
  say(`Exported ${count} ${attemptsWord} (${statements.length} statements) to ${file}. Send this file to your manager.`);
}
