/* xAPI 1.0.3 statements for one attempt, built exactly like generator/xapi/statements.py build(). */
import { uuid5 } from "./ids.js";
import { plainText } from "./text.js";
import { hasKey, round4 } from "./util.js";

const LANGUAGE = "en-US";
const ADL = "http://adlnet.gov/expapi/";
const EXTENSION = "https://w3id.org/repready/xapi/";

const inLanguage = text => ({ [LANGUAGE]: text });
const component = (id, element) => ({ id, description: inLanguage(plainText(element)) });

function definition(question) {
  const described = {
    type: ADL + "activities/cmi.interaction",
    name: inLanguage(plainText(question.fieldset.querySelector(".rr-prompt"))),
    interactionType: question.kind.interaction,
  };
  question.kind.describe(question, described, component);
  if (question.key) described.correctResponsesPattern = [question.key.pattern];
  return described;
}

export function buildStatements(quiz, attempt) {
  const iri = (kind, id) => `${quiz.home.replace(/\/+$/, "")}/xapi/activities/${kind}/${id}`;
  const agent = p => ({ objectType: "Agent", name: p.name, account: { homePage: quiz.home, name: p.id } });
  const parent = {
    objectType: "Activity",
    id: iri("module", quiz.id),
    definition: { type: ADL + "activities/assessment", name: inLanguage(quiz.title), description: inLanguage(quiz.summary) },
  };
  const extensions = { [EXTENSION + "bank-hash"]: quiz.hash, [EXTENSION + "mode"]: quiz.mode };
  // Module statements have the module as object; answered statements name it as parent.
  const context = { registration: attempt.reg, extensions };
  if (attempt.instructor) context.instructor = agent(attempt.instructor);
  const statement = (name, verb, object, timestamp, statementContext, result) => {
    const made = {
      id: uuid5(attempt.reg + ":" + name),
      actor: agent(attempt.learner),
      verb: { id: ADL + "verbs/" + verb, display: inLanguage(verb) },
      object,
      context: statementContext,
      timestamp,
    };
    if (result) made.result = result;
    return made;
  };
  const presented = quiz.draw || Object.keys(attempt.options).length;
  const attemptedContext = presented
    ? {
      ...context,
      extensions: { ...extensions, [EXTENSION + "presented"]: { questions: attempt.shown.map(q => q.id), options: attempt.options } },
    }
    : context;
  const out = [statement("attempted", "attempted", parent, attempt.started, attemptedContext)];
  let earned = 0, graded = 0;
  for (const question of attempt.shown) {
    if (question.kind.scored) graded++;
    if (!hasKey(attempt.responses, question.id)) continue;
    const result = { response: attempt.responses[question.id] };
    if (question.key && quiz.mode !== "graded") {
      const grade = question.kind.grade(question.key, result.response);
      earned += grade.score;
      result.success = grade.success;
      result.score = { scaled: grade.score, raw: grade.score, min: 0, max: 1 };
    }
    const object = { objectType: "Activity", id: iri("question", question.id), definition: definition(question) };
    const answeredContext = {
      ...context,
      contextActivities: { parent: [parent] },
      extensions: { ...extensions, [EXTENSION + "question-hash"]: question.hash },
    };
    out.push(statement(question.id, "answered", object, attempt.finished, answeredContext, result));
  }
  const done = { completion: true };
  if (attempt.notes) done.response = attempt.notes;
  if (quiz.mode === "practice" && graded) {
    const score = { scaled: round4(earned / graded), raw: round4(earned), min: 0, max: graded };
    const passed = score.scaled >= quiz.mastery;
    done.score = score;
    out.push(statement("completed", "completed", parent, attempt.finished, context, done));
    const verdict = passed ? "passed" : "failed";
    out.push(statement(verdict, verdict, parent, attempt.finished, context, { score, success: passed, completion: true }));
  } else out.push(statement("completed", "completed", parent, attempt.finished, context, done));
  return out;
}
