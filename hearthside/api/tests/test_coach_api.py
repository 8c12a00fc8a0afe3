"""The coach route: what the language coach notices in a text, with offsets that point into the
text exactly as it was sent, and nothing stored along the way."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, get_args

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hearthside.api.coach_routes import Context
from hearthside.api.tests.helpers import auth
from hearthside.coach import CONTEXTS, MAX_CHARS

if TYPE_CHECKING:
    from conftest import Personas

ANALYZE = "/api/v1/coach/analyze"


def analyze(client: Client, headers: dict[str, Any], payload: dict[str, Any]) -> Any:
    return client.post(ANALYZE, json.dumps(payload), "application/json", **headers)


def spans(text: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, the words the offsets point at in `text`) for each finding."""
    return [(f["kind"], text[f["start"] : f["end"]]) for f in body["findings"]]


@pytest.fixture
def alex(people: Personas) -> dict[str, Any]:
    return auth(people.alex)


def test_the_contexts_are_the_coachs_own() -> None:
    assert get_args(Context) == CONTEXTS


def test_it_needs_a_token(client: Client, people: Personas) -> None:
    response = analyze(client, {}, {"text": "You never listen to me."})
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    bad = {"HTTP_AUTHORIZATION": "Bearer hs_" + "x" * 40}
    assert analyze(client, bad, {"text": "You never listen to me."}).status_code == 401


def test_it_points_at_the_blaming_words(client: Client, alex: dict[str, Any]) -> None:
    text = "You never listen to me."
    response = analyze(client, alex, {"text": text})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"findings", "valence"}
    [finding] = body["findings"]
    assert finding["kind"] == "blame"
    assert (finding["start"], finding["end"], finding["words"]) == (0, 9, "You never")
    assert finding["message"]
    assert finding["suggestion"]
    assert 0 <= finding["rewrite_start"] <= finding["start"]
    assert finding["end"] <= finding["rewrite_end"] <= len(text)
    assert isinstance(body["valence"], float)


def test_offsets_are_code_points_into_the_text_exactly_as_sent(
    client: Client, alex: dict[str, Any]
) -> None:
    # Leading spaces are kept, a curly apostrophe (U+2019) is one character, and each emoji
    # counts as its code points: U+1F624 is one, the family (woman, joiner, woman, joiner, girl)
    # is five.
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"
    text = (
        f"   \U0001f624 Honestly, it\u2019s your fault we were late. {family} And you never "
        "listen to me.  "
    )
    body = analyze(client, alex, {"text": text}).json()
    assert spans(text, body) == [("blame", "it\u2019s your fault"), ("blame", "you never")]
    assert [(f["start"], f["end"]) for f in body["findings"]] == [(15, 30), (55, 64)]
    assert all(f["words"] == text[f["start"] : f["end"]] for f in body["findings"])
    for f in body["findings"]:
        assert 3 <= f["rewrite_start"] <= f["start"] < f["end"] <= f["rewrite_end"] <= len(text)


def test_a_kind_sentence_has_nothing_to_suggest(client: Client, alex: dict[str, Any]) -> None:
    text = "Thanks for making dinner, it was lovely."
    for context in CONTEXTS:
        body = analyze(client, alex, {"text": text, "context": context}).json()
        assert body["findings"] == [], context
        assert body["valence"] > 0.5


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_has_nothing_to_suggest(client: Client, alex: dict[str, Any], text: str) -> None:
    response = analyze(client, alex, {"text": text})
    assert response.status_code == 200
    assert response.json() == {"findings": [], "valence": 0.0}


@pytest.mark.parametrize(
    ("text", "kind", "only_in"),
    [
        ("You should just talk to your boss about it.", "fixing", "reply"),
        ("At least you still have a job.", "comparing", "reply"),
        ("Sorry for snapping. I was just tired.", "apology_pitfall", "apology"),
    ],
)
def test_some_slips_count_only_in_their_context(
    client: Client, alex: dict[str, Any], text: str, kind: str, only_in: str
) -> None:
    for context in CONTEXTS:
        body = analyze(client, alex, {"text": text, "context": context}).json()
        kinds = [f["kind"] for f in body["findings"]]
        assert kinds == ([kind] if context == only_in else []), context


def test_the_context_defaults_to_a_share(client: Client, alex: dict[str, Any]) -> None:
    text = "You should just talk to your boss about it."
    assert analyze(client, alex, {"text": text}).json()["findings"] == []


@pytest.mark.parametrize("context", ["letter", "", "Reply", None, 1])
def test_an_unknown_context_is_refused(client: Client, alex: dict[str, Any], context: Any) -> None:
    response = analyze(client, alex, {"text": "You never listen.", "context": context})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "context"
    assert "'share', 'reply', 'apology' or 'request'" in error["msg"]


@pytest.mark.parametrize("payload", [{}, {"text": None}, {"text": 5}, {"context": "share"}])
def test_a_missing_or_wrong_text_is_refused(
    client: Client, alex: dict[str, Any], payload: dict[str, Any]
) -> None:
    response = analyze(client, alex, payload)
    assert response.status_code == 422
    assert any(e["loc"][-1] == "text" for e in response.json()["detail"])


def test_text_up_to_the_limit_is_read_and_longer_is_refused(
    client: Client, alex: dict[str, Any]
) -> None:
    assert MAX_CHARS == 20_000
    sentence = "You never listen to me. "
    text = (sentence * (MAX_CHARS // len(sentence) + 1))[:MAX_CHARS]
    response = analyze(client, alex, {"text": text})
    assert response.status_code == 200
    assert response.json()["findings"][-1]["end"] <= MAX_CHARS

    too_long = text + "!"
    response = analyze(client, alex, {"text": too_long})
    assert response.status_code == 422
    assert "20000 characters" in json.dumps(response.json()["detail"])
    # The refusal does not echo the text back.
    assert "listen" not in response.content.decode()


def test_it_reads_from_the_database_only_to_check_the_token(
    client: Client, alex: dict[str, Any]
) -> None:
    # The first call records when the token was last used; after that, within a minute, a call
    # only looks the token up.
    analyze(client, alex, {"text": "warming up"})
    with CaptureQueriesContext(connection) as queries:
        response = analyze(client, alex, {"text": "You never listen to me.", "context": "reply"})
    assert response.status_code == 200
    assert response.json()["findings"]
    statements = [q["sql"] for q in queries.captured_queries]
    assert statements
    assert all(sql.startswith("SELECT") for sql in statements), statements
    assert all("api_personaltoken" in sql for sql in statements), statements


def test_the_text_never_reaches_the_logs(
    client: Client, alex: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    secret = "You never listen about the zebra-striped secret."
    with caplog.at_level(logging.DEBUG):
        analyze(client, alex, {"text": secret})
        analyze(client, alex, {"text": secret, "context": "nonsense"})
        analyze(client, alex, {"text": secret * 1000})
    assert "zebra" not in caplog.text


def test_the_openapi_document_describes_offsets_and_the_coach_setting(
    client: Client, db: None
) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    operation = schema["paths"][ANALYZE]["post"]
    assert "coach" in operation["tags"]
    assert "turned the coach off" in operation["description"]
    finding = schema["components"]["schemas"]["FindingOut"]["properties"]
    for name in ("start", "end", "rewrite_start", "rewrite_end"):
        assert "character offsets (Unicode code points)" in finding[name]["description"], name
    body = schema["components"]["schemas"]["CoachIn"]["properties"]
    assert body["text"]["maxLength"] == MAX_CHARS
    assert body["context"]["default"] == "share"
