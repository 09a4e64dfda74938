/* The name and id fields: required, an id pattern, and errors announced beside each field. */
import { personInputs } from "./people.js";

export function flag(input, text) {
  const id = input.id + "-error";
  let error = document.getElementById(id);
  const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(x => x && x !== id);
  if (text) {
    if (!error) {
      error = Object.assign(document.createElement("span"), { id, className: "rr-error" });
      input.parentNode.append(error);
    }
    error.textContent = text;
    described.push(id);
    input.setAttribute("aria-invalid", "true");
  } else {
    if (error) error.remove();
    input.removeAttribute("aria-invalid");
  }
  if (described.length) input.setAttribute("aria-describedby", described.join(" "));
  else input.removeAttribute("aria-describedby");
}

export function problem(input) {
  const name = (input.labels[0] || {}).textContent || "This field";
  if (!input.value.trim()) return `Error: ${name} is required.`;
  return input.checkValidity() ? "" : `Error: ${name} may use only letters, digits and . _ @ - (e.g. rep-042).`;
}

// Trims and checks the fields of the given roles; focuses the first problem. True when all are fine.
export function checkPeople(quiz, roles) {
  let first = null;
  for (const role of roles) {
    for (const input of personInputs(quiz, role)) {
      input.value = input.value.trim();
      const text = problem(input);
      flag(input, text);
      if (text && !first) first = input;
    }
  }
  if (first) first.focus();
  return !first;
}
