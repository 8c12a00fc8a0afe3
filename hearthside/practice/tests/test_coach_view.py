"""The language coach's live notes (POST /coach/notes, asked by htmx as the person pauses in
typing), and the place under each wired text field where they appear."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Entries, Personas
from hearthside.repair import actions, steps
from hearthside.repair.models import Commitment, Rupture

URL = "/coach/notes"
BLAMING = "Honestly, you always leave your dishes in the sink."
KIND = "I loved our walk on Sunday, thank you for planning it."
ADVICE = "You should just talk to your boss."
NOTE = re.compile(
    r'<div class="coach-note" data-kind="(?P<kind>[a-z_]+)">(?P<body>.*?)</div>', re.S
)
BUTTON = re.compile(r"<button [^>]*data-coach-use[^>]*>", re.S)


def ask(client: Client, text: str, context: str = "share", **extra: str) -> Any:
    return client.post(URL, {"context": context, "field": "text", "text": text, **extra})


def body_of(response: Any) -> str:
    return response.content.decode()


def notes(response: Any) -> list[tuple[str, str]]:
    """(kind, body) for each note, entities decoded."""
    return [(m["kind"], html.unescape(m["body"])) for m in NOTE.finditer(body_of(response))]


def attrs(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in re.findall(r'([a-z-]+)="([^"]*)"', tag)}


# --- Who may ask, and how ---------------------------------------------------------------------


def test_a_signed_out_visitor_gets_nothing_and_the_page_is_left_alone(people: Personas) -> None:
    # E.g. a session that expired while typing: a 401 is not swapped in by htmx, so what the
    # person typed stays as it is; no sign-in page lands under their words.
    response = ask(people.client("anonymous"), BLAMING)

    assert response.status_code == 401
    assert body_of(response) == ""


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_a_post(people: Personas, method: str) -> None:
    assert getattr(people.client("alex"), method)(URL).status_code == 405


def test_it_needs_the_csrf_token_htmx_sends(people: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.alex)
    data = {"context": "share", "field": "text", "text": BLAMING}

    assert client.post(URL, data).status_code == 403

    client.get(reverse("share_new"))  # sets the CSRF cookie, as the page does
    token = client.cookies["csrftoken"].value
    response = client.post(URL, data, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 200
    assert notes(response)


# --- What it says -----------------------------------------------------------------------------


def test_it_marks_the_blaming_words_and_says_how_they_may_land(people: Personas) -> None:
    response = ask(people.client("alex"), BLAMING)

    assert response.status_code == 200
    assert "<html" not in body_of(response)
    ((kind, note),) = notes(response)
    assert kind == "blame"
    assert "<mark>you always</mark>" in note
    assert "Honestly, <mark>you always</mark> leave your dishes in the sink." in note
    assert "“Always” and “never”" in note  # the coach's message, in its words
    assert "Use this wording" in note


def test_the_use_this_wording_button_carries_what_the_page_needs(people: Personas) -> None:
    response = ask(people.client("alex"), BLAMING)

    (tag,) = BUTTON.findall(body_of(response))
    data = attrs(tag)
    assert data["type"] == "button"  # inside a form, it must never send it
    assert data["class"] == "button subtle coach-use"
    assert data["data-target"] == "id_text"
    start, end = int(data["data-rewrite-start"]), int(data["data-rewrite-end"])
    assert BLAMING[start:end] == data["data-replaces"]
    assert data["data-replaces"].startswith("you always leave")
    assert "…" in data["data-suggestion"]  # a gap for the person's own words
    assert data["data-suggestion"] in html.unescape(body_of(response))  # shown before it's used


def test_it_says_nothing_about_a_kind_sentence(people: Personas) -> None:
    response = ask(people.client("alex"), KIND)

    assert response.status_code == 200
    assert response.content == b""


def test_it_says_nothing_about_nothing(people: Personas) -> None:
    assert ask(people.client("alex"), "").content == b""
    assert people.client("alex").post(URL, {"context": "share", "field": "text"}).content == b""


def test_advice_in_a_reply_gets_a_note(people: Personas) -> None:
    response = ask(people.client("sam"), ADVICE, context="reply")

    assert [kind for kind, _note in notes(response)] == ["fixing"]
    assert "<mark>You should</mark>" in notes(response)[0][1]


def test_advice_is_left_alone_when_the_sharer_asked_for_help_thinking(people: Personas) -> None:
    response = ask(people.client("sam"), ADVICE, context="reply", quiet="fixing")

    assert response.status_code == 200
    assert response.content == b""


def test_quiet_leaves_out_only_the_kinds_it_names(people: Personas) -> None:
    text = "You should just quit. You always overthink."
    response = ask(people.client("sam"), text, context="reply", quiet="fixing,nonsense")

    kinds = [kind for kind, _note in notes(response)]
    assert "fixing" not in kinds
    assert "blame" in kinds


def test_advice_is_not_a_note_outside_a_reply(people: Personas) -> None:
    assert ask(people.client("alex"), ADVICE, context="share").content == b""


@pytest.mark.parametrize("context", ["", "letter", "SHARE", "share "])
def test_an_unknown_context_is_refused_kindly(people: Personas, context: str) -> None:
    response = ask(people.client("alex"), BLAMING, context=context)

    assert response.status_code == 400
    assert body_of(response) == "The coach can help with a share, a reply, an apology or a request."


@pytest.mark.parametrize("field", ["", "Text", "text1", "te xt", "<b>", "x" * 65])
def test_an_odd_field_name_is_refused(people: Personas, field: str) -> None:
    response = people.client("alex").post(URL, {"context": "share", "field": field, field: BLAMING})

    assert response.status_code == 400
    assert BLAMING not in body_of(response)


def test_it_reads_the_field_it_is_told_to_and_points_the_button_at_its_target(
    people: Personas,
) -> None:
    response = people.client("alex").post(
        URL,
        {
            "context": "reply",
            "field": "reflect",
            "target": "id_reflect",
            "reflect": BLAMING,
            "text": KIND,
        },
    )

    (tag,) = BUTTON.findall(body_of(response))
    assert attrs(tag)["data-target"] == "id_reflect"


def test_an_odd_target_is_refused(people: Personas) -> None:
    response = ask(people.client("alex"), BLAMING, target='x" onclick="alert(1)')

    assert response.status_code == 400


def test_a_suggestion_that_ends_its_sentence_takes_the_full_stop_with_it(
    people: Personas,
) -> None:
    text = "You should just quit. Or not."
    response = ask(people.client("sam"), text, context="reply")

    (tag,) = BUTTON.findall(body_of(response))
    data = attrs(tag)
    assert data["data-suggestion"].endswith("?")
    assert data["data-replaces"] == "You should just quit."
    start, end = int(data["data-rewrite-start"]), int(data["data-rewrite-end"])
    used = text[:start] + data["data-suggestion"] + text[end:]
    assert "?." not in used
    assert used.endswith("? Or not.")


def test_offsets_count_as_the_browser_does(people: Personas) -> None:
    # An emoji is one character in Python but two in JavaScript, where the offsets are used.
    text = "🙂🙂 ok. You always leave the lights on."
    response = ask(people.client("alex"), text)

    (tag,) = BUTTON.findall(body_of(response))
    data = attrs(tag)
    as_js = text.encode("utf-16-le")
    start, end = int(data["data-rewrite-start"]), int(data["data-rewrite-end"])
    assert as_js[start * 2 : end * 2].decode("utf-16-le") == data["data-replaces"]


def test_line_breaks_sent_by_the_browser_keep_the_offsets_right(people: Personas) -> None:
    response = ask(people.client("alex"), "Hi.\r\nYou always leave the lights on.")

    (tag,) = BUTTON.findall(body_of(response))
    data = attrs(tag)
    value = "Hi.\nYou always leave the lights on."
    start, end = int(data["data-rewrite-start"]), int(data["data-rewrite-end"])
    assert value[start:end] == data["data-replaces"]


def test_only_the_few_words_around_the_marked_ones_are_shown(people: Personas) -> None:
    text = "Long before this, " * 10 + "you always leave the lights on" + ", and more" * 10
    ((_kind, note),) = notes(ask(people.client("alex"), text))

    quote = re.search(r'<p class="coach-quote">(.*?)</p>', note, re.S)
    assert quote
    assert len(quote.group(1)) < 160
    assert "…" in quote.group(1)


def test_a_long_letter_gets_a_handful_of_notes(people: Personas) -> None:
    text = " ".join(f"You always forget thing {n}." for n in range(12))
    response = ask(people.client("alex"), text)

    assert len(notes(response)) == 5
    assert "The coach noticed a little more; these come first." in body_of(response)


def test_it_reads_only_the_first_twenty_thousand_characters(people: Personas) -> None:
    text = "a " * 10_000 + BLAMING
    response = ask(people.client("alex"), text)

    assert response.status_code == 200
    assert response.content == b""


def test_the_persons_words_are_escaped(people: Personas) -> None:
    response = ask(people.client("alex"), "<script>x</script> You always shout.")

    assert "<script>" not in body_of(response)
    assert "&lt;script&gt;" in body_of(response)


# --- Privacy and speed ------------------------------------------------------------------------


def test_the_words_appear_only_inside_the_notes(people: Personas) -> None:
    response = ask(people.client("alex"), BLAMING)

    outside = NOTE.sub("", body_of(response)).strip()
    assert outside == ""
    assert "no-store" in response["Cache-Control"]


def test_the_words_are_never_logged(people: Personas, caplog: pytest.LogCaptureFixture) -> None:
    secret = "you always hide the marmalade-42"
    client = people.client("alex")
    with caplog.at_level(logging.DEBUG):
        ask(client, secret)
        ask(client, secret, context="nonsense")  # a refusal isn't logged with the words either
        client.post(URL, {"context": "share", "field": "Bad Name", "Bad Name": secret})

    assert "marmalade" not in caplog.text


def test_nothing_is_written_and_nothing_else_is_read(people: Personas) -> None:
    client = people.client("alex")
    client.get(reverse("share_new"))  # a session that's already settled

    with CaptureQueriesContext(connection) as queries:
        response = ask(client, BLAMING)

    assert notes(response)
    sql = [q["sql"].lstrip().upper() for q in queries.captured_queries]
    assert all(s.startswith("SELECT") for s in sql), sql
    assert len(sql) <= 2  # the session and the person


# --- The person's choice ----------------------------------------------------------------------


def test_when_the_coach_is_off_it_says_nothing(people: Personas) -> None:
    people.alex.coach_enabled = False
    people.alex.save(update_fields=["coach_enabled"])

    response = ask(people.client("alex"), BLAMING)

    assert response.status_code == 200
    assert response.content == b""


# --- Where the notes appear -------------------------------------------------------------------


def _rupture(people: Personas) -> Rupture:
    return actions.open_rupture(people.alex, people.partners, "The Saturday plans")


def _walk(people: Personas, until: str | None) -> Rupture:
    """A rupture with every step before `until` done by both (all of them when None)."""
    rupture = _rupture(people)
    done: dict[str, dict[str, Any]] = {
        steps.FEELINGS: {"feelings": ["hurt"]},
        steps.REALITIES: {"text": "seen", "reflect": "heard", "validation": "fair"},
        steps.TRIGGERS: {"text": "old"},
        steps.RESPONSIBILITY: {"what_i_did": "left", "impact": "hurt you"},
        steps.ACCEPTANCE: {"accepted": True},
        steps.PLAN: {"text": "slow down"},
    }
    for earlier in steps.STEPS:
        if earlier == until:
            break
        for person in (people.alex, people.sam):
            actions.take_turn(person, rupture, earlier, **done[earlier])
    if until == steps.REALITIES:
        actions.take_turn(people.sam, rupture, until, **done[until])
    return rupture


def _at_step(people: Personas, step: str) -> str:
    """Alex's page for `step`, with every earlier step done by both and Sam already spoken."""
    return reverse("rupture_step", args=[_walk(people, step).pk, step])


def _due_commitment(people: Personas) -> str:
    """Alex's page for checking back on Sam's commitment, on the day it's due."""
    rupture = _rupture(people)
    commitment = Commitment.objects.create(
        rupture=rupture,
        author=people.sam,
        text="Text when plans shift",
        follow_up_on=timezone.localdate(),
    )
    return reverse("commitment_follow_up", args=[commitment.pk])


Page = Callable[[Personas, Entries], str]
PAGES: dict[str, tuple[str, Page, dict[str, str]]] = {
    "share": ("alex", lambda p, e: reverse("share_new"), {"id_text": "share"}),
    "listening reply": (
        "sam",
        lambda p, e: reverse("share", args=[e.alex_share_partners.pk]),
        {"id_reflect": "reply", "id_validation": "reply", "id_question": "reply"},
    ),
    "thank-you": (
        "alex",
        lambda p, e: reverse("reply_thank", args=[e.sam_reply.pk]),
        {"id_text": "share"},
    ),
    "private reflection": (
        "alex",
        lambda p, e: reverse("rupture_reflection", args=[_rupture(p).pk]),
        {"id_reality": "share", "id_triggers": "share", "id_my_part": "share"}
        | {"id_unmet_note": "share"},
    ),
    "how each of us saw it": (
        "alex",
        lambda p, e: _at_step(p, steps.REALITIES),
        {"id_reflect": "reply", "id_validation": "reply", "id_text": "share"},
    ),
    "what it touched": ("alex", lambda p, e: _at_step(p, steps.TRIGGERS), {"id_text": "share"}),
    "the apology builder": (
        "alex",
        lambda p, e: _at_step(p, steps.RESPONSIBILITY),
        {"id_what_i_did": "apology", "id_impact": "apology", "id_next_time": "apology"},
    ),
    "taking it in": ("alex", lambda p, e: _at_step(p, steps.ACCEPTANCE), {"id_text": "request"}),
    "next time": ("alex", lambda p, e: _at_step(p, steps.PLAN), {"id_text": "share"}),
    "the plan": (
        "alex",
        lambda p, e: reverse("rupture_plan", args=[_rupture(p).pk]),
        {"id_takeaways": "share", "id_phrases": "request", "id_text": "share"},
    ),
    "is trust back?": (
        "alex",
        lambda p, e: reverse("rupture_close", args=[_walk(p, None).pk]),
        {"id_note": "share"},
    ),
    "checking back on a commitment": (
        "alex",
        lambda p, e: _due_commitment(p),
        {"id_note": "share"},
    ),
    "our agreements": (
        "alex",
        lambda p, e: reverse("repair_agreement", args=[p.partners.pk]),
        {"id_phrases": "request"},
    ),
}


def reply_page(people: Personas, entries: Entries) -> str:
    """Sam's page for replying to Alex's share."""
    return body_of(
        people.client("sam").get(reverse("share", args=[entries.alex_share_partners.pk]))
    )


def containers(page: str) -> dict[str, dict[str, str]]:
    found = re.findall(r'<div class="coach-notes"[^>]*>', page)
    return {attrs(tag)["data-coach-for"]: attrs(tag) for tag in found}


@pytest.mark.parametrize("name", PAGES)
def test_the_notes_appear_under_each_field_when_the_coach_is_on(
    people: Personas, entries: Entries, name: str
) -> None:
    persona, page_url, fields = PAGES[name]
    client = people.client(persona)
    target = page_url(people, entries)

    page = body_of(client.get(target))

    found = containers(page)
    assert set(found) == set(fields)
    for field_id, context in fields.items():
        box = found[field_id]
        assert f'id="{field_id}"' in page  # the field it listens to is on the page
        assert box["id"] == f"coach-{field_id}"
        assert box["aria-live"] == "polite"
        assert box["hx-post"] == URL
        # Only as the person types: an empty field has nothing to ask about on page load.
        assert box["hx-trigger"] == f"input changed delay:600ms from:#{field_id}"
        assert box["hx-include"] == f"#{field_id}"
        assert box["hx-target"] == "this"
        assert box["hx-swap"] == "innerHTML"
        vals = box["hx-vals"]
        assert f'"context": "{context}"' in vals
        assert f'"target": "{field_id}"' in vals
        assert "js:" not in vals  # plain JSON: nothing for the CSP to refuse

    me = getattr(people, persona)
    me.coach_enabled = False
    me.save(update_fields=["coach_enabled"])
    page = body_of(client.get(target))
    assert 'class="coach-notes"' not in page
    assert URL not in page


def test_an_empty_field_starts_with_no_notes(people: Personas) -> None:
    page = body_of(people.client("alex").get(reverse("share_new")))
    assert 'class="coach-note"' not in page


def test_words_already_in_the_field_get_their_notes_with_the_page(people: Personas) -> None:
    # Sent back with a problem (no circle chosen): the words stay, and so do their notes,
    # without waiting for the coach to be asked again.
    response = people.client("alex").post(reverse("share_new"), {"text": BLAMING})

    assert response.status_code == 200
    page = body_of(response)
    found = [(m["kind"], html.unescape(m["body"])) for m in NOTE.finditer(page)]
    assert [kind for kind, _body in found] == ["blame"]
    assert "Honestly, <mark>you always</mark>" in found[0][1]
    (button,) = [attrs(tag) for tag in BUTTON.findall(page)]
    assert button["data-target"] == "id_text"
    # Exactly the notes the coach gives as the person types.
    assert found == notes(ask(people.client("alex"), BLAMING))


def test_words_already_in_the_field_get_no_notes_when_the_coach_is_off(
    people: Personas,
) -> None:
    people.alex.coach_enabled = False
    people.alex.save(update_fields=["coach_enabled"])
    page = body_of(people.client("alex").post(reverse("share_new"), {"text": BLAMING}))
    assert BLAMING in html.unescape(page)  # the words are kept
    assert 'class="coach-note' not in page


def test_replies_to_someone_who_asked_for_ideas_leave_advice_alone(
    people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    share.wants = "help-thinking"
    share.save(update_fields=["wants"])

    page = reply_page(people, entries)

    for box in containers(page).values():
        assert '"quiet": "fixing"' in box["hx-vals"]
        assert "quiet" in box["hx-params"].split(",")


def test_replies_to_someone_who_asked_to_be_heard_get_every_note(
    people: Personas, entries: Entries
) -> None:
    page = reply_page(people, entries)

    boxes = containers(page)
    assert boxes
    assert all('"quiet"' not in box["hx-vals"] for box in boxes.values())


def test_only_the_field_itself_goes_to_the_coach(people: Personas, entries: Entries) -> None:
    page = reply_page(people, entries)

    box = containers(page)["id_question"]
    assert box["hx-params"] == "context,field,target,quiet,question"
