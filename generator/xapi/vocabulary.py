"""The xAPI 1.0.3 vocabulary RepReady writes and reads: verbs, activity types, extensions, ids.

The widget (``theme/assets/repready/widget/statements.js``) writes exactly these; keep both in step.
Each item type's xAPI interactionType lives with the type (:mod:`generator.bank.items`).
"""

from __future__ import annotations

import re
import uuid

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"

ANSWERED = ADL_VERBS + "answered"
ATTEMPTED = ADL_VERBS + "attempted"
COMPLETED = ADL_VERBS + "completed"
PASSED = ADL_VERBS + "passed"
FAILED = ADL_VERBS + "failed"

INTERACTION = ADL_ACTIVITIES + "cmi.interaction"
ASSESSMENT = ADL_ACTIVITIES + "assessment"

EXTENSIONS = "https://w3id.org/repready/xapi/"
EXT_BANK_HASH = EXTENSIONS + "bank-hash"
EXT_QUESTION_HASH = EXTENSIONS + "question-hash"
EXT_MODE = EXTENSIONS + "mode"
EXT_PRESENTED = EXTENSIONS + "presented"

LANG = "en-US"

# Statement ids are UUIDv5 in this namespace of "<registration>:<question id or verb>", so that
# exporting the same attempt twice yields the same ids and an LRS or the scorer de-duplicates.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, EXTENSIONS)

_ACTIVITY = re.compile(r"/xapi/activities/(question|module)/([A-Za-z0-9][A-Za-z0-9_.-]{0,63})$")


def statement_id(registration: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{registration}:{name}"))


def question_iri(base: str, question_id: str) -> str:
    return f"{base.rstrip('/')}/xapi/activities/question/{question_id}"


def module_iri(base: str, module_id: str) -> str:
    return f"{base.rstrip('/')}/xapi/activities/module/{module_id}"


def parse_activity(iri: str) -> tuple[str, str] | None:
    """``("question", id)`` or ``("module", id)`` for a RepReady activity IRI, else ``None``."""
    match = _ACTIVITY.search(iri)
    return (match.group(1), match.group(2)) if match else None
