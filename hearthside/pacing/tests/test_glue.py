"""The share form's glue: `intercept_share` asks before a share goes deeper than someone would
like, keeps every word, and steps aside for "Share now anyway"; `{% pacing_ask_button %}`
takes the share form's words to /pacing/ask/."""

from __future__ import annotations

from typing import Any

from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from conftest import Personas
from hearthside.pacing.actions import set_comfort
from hearthside.pacing.glue import intercept_share
from hearthside.pacing.tests.conftest import HELD, text_of, words
from hearthside.practice.forms import ShareForm
from hearthside.practice.models import CheckIn


def share_post(people: Personas, person: Any, path: str = "/share/", **fields: Any) -> Any:
    data = {
        "circle": people.partners.pk,
        "text": HELD,
        "feelings": ["afraid"],
        "depth": "deep",
        "wants": "just-listen",
        **fields,
    }
    request = RequestFactory().post(path, data)
    request.user = person
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    form = ShareForm(request.POST, person=person)
    assert form.is_valid(), form.errors
    return request, form


def test_it_steps_aside_when_nobody_prefers_to_go_slower(people: Personas) -> None:
    request, form = share_post(people, people.alex)
    assert intercept_share(request, form) is None


def test_it_steps_aside_when_the_share_is_within_everyones_pace(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "medium")
    request, form = share_post(people, people.alex, depth="medium")
    assert intercept_share(request, form) is None


def test_it_asks_first_when_someone_prefers_to_go_slower(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")
    request, form = share_post(people, people.alex)

    response = intercept_share(request, form)

    assert response is not None and response.status_code == 200
    page = text_of(response)
    assert "Sam prefers to go slower — ask for a good moment?" in words(page)
    assert HELD in page  # every word kept
    # "Ask first" goes to pacing; "Share now anyway" back to the same share form.
    assert f'action="{reverse("pacing_ask")}"' in page
    assert 'formaction="/share/" name="pacing" value="share-now"' in page


def test_share_now_anyway_lets_the_share_go_out(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")
    request, form = share_post(people, people.alex, pacing="share-now")
    assert intercept_share(request, form) is None


def test_a_share_from_a_check_in_keeps_it_on_both_paths(people: Personas) -> None:
    set_comfort(people.sam, people.partners, "light")
    checkin = CheckIn.objects.create(author=people.alex, note="n")
    request, form = share_post(people, people.alex, path=f"/share/?checkin={checkin.pk}")

    page = text_of(intercept_share(request, form, checkin))

    assert f'action="{reverse("pacing_ask")}?checkin={checkin.pk}"' in page
    assert f'formaction="/share/?checkin={checkin.pk}"' in page


def test_the_ask_button_sends_the_share_forms_words_to_pacing(people: Personas) -> None:
    template = Template("{% load pacing_tags %}{% pacing_ask_button %}")

    plain = template.render(Context({}))
    assert f'formaction="{reverse("pacing_ask")}"' in plain
    assert "Ask first: is now a good time?" in plain
    checkin = CheckIn.objects.create(author=people.alex, note="n")
    from_checkin = template.render(Context({"checkin": checkin}))
    assert f'formaction="{reverse("pacing_ask")}?checkin={checkin.pk}"' in from_checkin
