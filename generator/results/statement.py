"""Check that one JSON value is an xAPI statement RepReady can use, and keep only what scoring needs.

Everything the browser computed (``result.success``, ``result.score``) is read only
to notice a reused statement id with different content; it never reaches a score.
This runs once per statement, up to millions of times, so it uses plain ``dict``
look-ups and caches rather than a validation library.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson

from generator.xapi import vocabulary as v

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
PERSON_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
VERB_NAMES = {
    v.ANSWERED: "answered",
    v.ATTEMPTED: "attempted",
    v.COMPLETED: "completed",
    v.PASSED: "passed",
    v.FAILED: "failed",
}
MAX_TEXT = 4000
MBOX_HOME = "mailto:"  # the "home" of a rep named by e-mail address, for the data-quality section
_new = tuple.__new__


class Ignored(str):
    """A reason to skip a statement that is valid xAPI but not ours to score (another verb or activity).

    Ignored statements are counted in the data-quality section but are not rejections.
    """


class Statement(NamedTuple):
    """The parts of one statement that scoring uses."""

    id: str
    verb: str  # answered | attempted | completed | passed | failed
    kind: str  # question | module
    activity: str  # question or module id
    rep: str  # actor.account.name
    rep_name: str | None
    home: str | None  # actor.account.homePage: the portal's address
    registration: str
    timestamp: str
    moment: datetime
    response: str | None
    instructor: tuple[str, str | None] | None  # (id, name) of the reviewing manager
    question_hash: str | None
    presented: tuple[str, ...] | None
    fingerprint: int


class StatementReader:
    """Validates statements against ``now`` (nothing may come from the future) with shared caches."""

    def __init__(self, now: datetime, future_tolerance_seconds: float = 600.0) -> None:
        self.latest_allowed = now.timestamp() + future_tolerance_seconds
        self._moments: dict[str, datetime | str] = {}
        self._people: set[str] = set()
        self._registrations: set[str] = set()
        self._activities: dict[str, tuple[str, str] | None] = {}

    def read(self, value: Any) -> Statement | str:
        """The statement, or the reason it cannot be used (an :class:`Ignored` one if it is not ours).

        Well-formed statements take a fast path that assumes the usual shape; anything
        unusual, and every rejection, goes through :meth:`checked_read`, which checks
        field by field and says what is wrong. Both accept exactly the same statements.
        """
        try:
            sid = value["id"]
            verb = VERB_NAMES[value["verb"]["id"]]
            object_id = value["object"]["id"]
            actor = value["actor"]
            account = actor["account"]
            rep = account["name"]
            context = value["context"]
            registration = context["registration"]
            timestamp = value["timestamp"]
            moment = self._moments.get(timestamp)
            if moment is None and type(timestamp) is str:
                moment = self._moment(timestamp)
            if (
                registration not in self._registrations
                and type(registration) is str
                and UUID.fullmatch(registration)
            ):
                self._registrations.add(registration)
            result = value.get("result")
            if (
                type(sid) is not str
                or not UUID.fullmatch(sid)
                or rep not in self._people
                or registration not in self._registrations
                or type(moment) is not datetime
                or type(account.get("homePage", "")) is not str
                or actor.get("objectType", "Agent") != "Agent"
            ):
                return self.checked_read(value)
            activity = self._activities.get(object_id)
            if activity is None or (activity[0] == "question") != (verb == "answered"):
                return self.checked_read(value)
            rep_name = actor.get("name")
            if rep_name is not None and type(rep_name) is not str:
                return self.checked_read(value)
            response = None
            if result is not None:
                response = result.get("response")
                if verb == "answered":
                    if type(response) is not str or len(response) > MAX_TEXT:
                        return self.checked_read(value)
                elif verb == "completed" and type(response) is str:
                    response = response[:MAX_TEXT]
                else:
                    response = None
                outcome = orjson.dumps(result, option=orjson.OPT_SORT_KEYS) if result else b""
            elif verb == "answered":
                return self.checked_read(value)
            else:
                outcome = b""
            if context.get("instructor") is not None:
                return self.checked_read(value)
            extensions = context.get("extensions")
            question_hash = presented = None
            if extensions is not None:
                question_hash = extensions.get(v.EXT_QUESTION_HASH)
                if (question_hash is not None and type(question_hash) is not str) or (
                    v.EXT_PRESENTED in extensions
                ):
                    return self.checked_read(value)
        except (KeyError, TypeError, AttributeError):
            return self.checked_read(value)
        fingerprint = hash(
            (verb, object_id, rep, registration, timestamp, outcome, None, question_hash, None)
        )
        return _new(
            Statement,
            (
                sid,
                verb,
                activity[0],
                activity[1],
                rep,
                rep_name,
                account.get("homePage"),
                registration,
                timestamp,
                moment,
                response,
                None,
                question_hash,
                presented,
                fingerprint,
            ),
        )

    def checked_read(self, value: Any) -> Statement | str:
        """:meth:`read`, checking every field in turn so that a rejection says exactly what is wrong."""
        if type(value) is not dict:
            return f"expected a statement object, found {_kind(value)}"
        sid = value.get("id")
        if type(sid) is not str or not UUID.fullmatch(sid):
            return "statement 'id' must be a UUID" + _found(sid)
        verb_value = value.get("verb")
        verb_id = verb_value.get("id") if type(verb_value) is dict else None
        if type(verb_id) is not str:
            return "statement 'verb.id' must be an IRI string" + _found(verb_id)
        verb = VERB_NAMES.get(verb_id)
        if verb is None:
            return Ignored(f"verb '{_short(verb_id)}' is not one the scorer uses")
        obj = value.get("object")
        object_id = obj.get("id") if type(obj) is dict else None
        if type(object_id) is not str:
            return "statement 'object.id' must be an IRI string" + _found(object_id)
        activity = self._activity(object_id)
        if activity is None:
            return Ignored(f"activity '{_short(object_id)}' is not a RepReady question or module")
        kind, activity_id = activity
        if (kind == "question") != (verb == "answered"):
            return (
                f"'{verb}' statements are about a {'question' if verb == 'answered' else 'module'}, "
                f"found a {kind}"
            )
        actor = value.get("actor")
        if type(actor) is not dict:
            return "statement 'actor' must be an object" + _found(actor)
        person = self._person(actor, "actor")
        if isinstance(person, str):
            return person
        rep, rep_name, home = person
        context = value.get("context")
        if type(context) is not dict:
            return "statement 'context' must be an object with the attempt's 'registration'" + _found(context)
        registration = context.get("registration")
        if type(registration) is not str:
            return "statement 'context.registration' must be a UUID" + _found(registration)
        if registration not in self._registrations:
            if not UUID.fullmatch(registration):
                return "statement 'context.registration' must be a UUID" + _found(registration)
            self._registrations.add(registration)
        timestamp = value.get("timestamp")
        if type(timestamp) is not str:
            return "statement 'timestamp' must be an ISO 8601 string" + _found(timestamp)
        moment = self._moment(timestamp)
        if isinstance(moment, str):
            return moment
        result = value.get("result")
        if result is not None and type(result) is not dict:
            return "statement 'result' must be an object" + _found(result)
        response = None
        if verb == "answered":
            response = result.get("response") if result else None
            if type(response) is not str:
                return "an 'answered' statement needs 'result.response' as a string" + _found(response)
            if len(response) > MAX_TEXT:
                return f"'result.response' is longer than {MAX_TEXT} characters"
        elif verb == "completed" and result and type(result.get("response")) is str:
            response = result["response"][:MAX_TEXT]  # a manager's notes on a review
        instructor = None
        raw_instructor = context.get("instructor")
        if raw_instructor is not None:
            if type(raw_instructor) is not dict:
                return "statement 'context.instructor' must be an Agent object" + _found(raw_instructor)
            manager = self._person(raw_instructor, "context.instructor")
            if isinstance(manager, str):
                return manager
            instructor = (manager[0], manager[1])
        extensions = context.get("extensions")
        question_hash = None
        presented = None
        if type(extensions) is dict:
            question_hash = extensions.get(v.EXT_QUESTION_HASH)
            if question_hash is not None and type(question_hash) is not str:
                return "the question-hash extension must be a string" + _found(question_hash)
            raw_presented = extensions.get(v.EXT_PRESENTED)
            if raw_presented is not None:
                shown = _presented(raw_presented)
                if isinstance(shown, str):
                    return shown
                presented = shown
        elif extensions is not None:
            return "statement 'context.extensions' must be an object" + _found(extensions)
        try:
            # The browser's own verdict is never scored, but a copy that differs in it is a conflict.
            outcome = orjson.dumps(result, option=orjson.OPT_SORT_KEYS) if result else b""
        except TypeError:
            return "statement 'result' is nested too deeply"
        fingerprint = hash(
            (verb, object_id, rep, registration, timestamp, outcome, instructor, question_hash, presented)
        )
        return Statement(
            sid,
            verb,
            kind,
            activity_id,
            rep,
            rep_name,
            home,
            registration,
            timestamp,
            moment,
            response,
            instructor,
            question_hash,
            presented,
            fingerprint,
        )

    def _activity(self, iri: str) -> tuple[str, str] | None:
        known = self._activities.get(iri, False)
        if known is False:
            if len(self._activities) > 100_000:
                self._activities.clear()
            known = self._activities[iri] = v.parse_activity(iri)
        return known  # type: ignore[return-value]

    def _person(self, agent: dict[str, Any], where: str) -> tuple[str, str | None, str | None] | str:
        kind = agent.get("objectType", "Agent")
        if kind != "Agent":
            # A Group's account or mbox names the group: scoring it would invent a rep.
            return (
                f"'{where}' is a {_short(kind) if type(kind) is str else 'non-Agent'}; "
                "RepReady scores one person per statement (objectType 'Agent')"
            )
        account = agent.get("account")
        if type(account) is dict:
            person = account.get("name")
            home = account.get("homePage")
            if home is not None and type(home) is not str:
                return f"'{where}.account.homePage' must be a string" + _found(home)
        else:
            mbox = agent.get("mbox")
            if type(mbox) is not str or not mbox.startswith("mailto:"):
                return f"'{where}' must identify a person by 'account' {{homePage, name}} or 'mbox'"
            person = mbox[7:]
            home = MBOX_HOME
        if type(person) is not str or person not in self._people:
            if type(person) is not str or not PERSON_ID.fullmatch(person):
                return (
                    f"'{where}' id must be 1-64 letters, digits or _ . @ - (starting with a letter or "
                    "digit)" + _found(person)
                )
            self._people.add(person)
        name = agent.get("name")
        if name is not None and type(name) is not str:
            return f"'{where}.name' must be a string" + _found(name)
        return person, name, home

    def _moment(self, timestamp: str) -> datetime | str:
        known = self._moments.get(timestamp)
        if known is None:
            if len(self._moments) > 1_000_000:
                self._moments.clear()
            known = self._moments[timestamp] = _parse_moment(timestamp, self.latest_allowed)
        return known


def _parse_moment(timestamp: str, latest_allowed: float) -> datetime | str:
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return f"statement 'timestamp' is not an ISO 8601 date and time: '{_short(timestamp)}'"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # xAPI: a timestamp without offset is taken as UTC
    if moment.timestamp() > latest_allowed:
        return f"timestamp {_short(timestamp)} is in the future"
    return moment


def _presented(raw: Any) -> tuple[str, ...] | str:
    questions = raw.get("questions") if type(raw) is dict else None
    if type(questions) is not list or not all(type(q) is str for q in questions) or len(questions) > 1000:
        return "the 'presented' extension must be {\"questions\": [question ids], ...}"
    return tuple(questions)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _found(value: Any) -> str:
    if value is None:
        return "; it is missing"
    if type(value) is str:
        return f"; found '{_short(value)}'"
    return f"; found {_kind(value)}"


def _short(text: str, limit: int = 60) -> str:
    """Enough of an untrusted string to recognise it, never enough to flood a report."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
