"""The privacy matrix: every persona against every page and action that touches an entry, a
circle or a reply.

Personas (conftest): Alex and Sam are partners; Robin is Alex's friend in another circle; Olive
shares no circle with anyone; anonymous is not signed in.

What each cell means:
  ok       the page opens (200)
  welcome  the public welcome page, with nothing of anyone's (200)
  done     the action happened, and the person is sent on (302)
  404      "Not Found", byte for byte the page a made-up id gets: never 403, which would confirm
           the thing exists; and nothing changed
  403      the person can see the thing but may not do this to it; nothing changed
  refused  the form comes back (200) and nothing was created
  login    sent to sign in, nothing changed
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import CURRENT_TIME, Entries, Personas
from hearthside.circles.actions import accept_invite
from hearthside.circles.models import Invite, Membership
from hearthside.practice.models import Appreciation, CheckIn, Reply, Share

PERSONAS = ("alex", "sam", "robin", "olive", "anonymous")

ACCESS = """
request                                       alex     sam      robin    olive    anonymous
GET  home                                     ok       ok       ok       ok       welcome
GET  journal                                  ok       ok       ok       ok       login
GET  share form                               ok       ok       ok       ok       login
GET  circles                                  ok       ok       ok       ok       login
GET  alex's private check-in                  ok       404      404      404      login
GET  sam's private check-in                   404      ok       404      404      login
GET  missing check-in                         404      404      404      404      login
GET  alex's share to partners                 ok       ok       404      404      login
GET  alex's share to friends                  ok       404      ok       404      login
GET  sam's share to partners                  ok       ok       404      404      login
GET  missing share                            404      404      404      404      login
GET  replies to alex's share to partners      ok       ok       404      404      login
GET  replies to alex's share to friends       ok       404      ok       404      login
GET  share form from alex's check-in          ok       404      404      404      login
GET  share form from sam's check-in           404      ok       404      404      login
GET  share form from missing check-in         404      404      404      404      login
GET  thank page for sam's reply               ok       404      404      404      login
GET  thank page for robin's reply             ok       404      404      404      login
GET  thank page for missing reply             404      404      404      404      login
GET  partners circle                          ok       ok       404      404      login
GET  friends circle                           ok       404      ok       404      login
GET  missing circle                           404      404      404      404      login
GET  leave partners circle                    ok       ok       404      404      login
GET  leave friends circle                     ok       404      ok       404      login
POST withdraw alex's share to partners        done     404      404      404      login
POST withdraw sam's share to partners         404      done     404      404      login
POST withdraw missing share                   404      404      404      404      login
POST reply to alex's share to partners        403      done     404      404      login
POST reply to alex's share to friends         403      404      done     404      login
POST reply to sam's share to partners         done     403      404      404      login
POST reply to missing share                   404      404      404      404      login
POST felt heard by sam's reply                done     404      404      404      login
POST felt heard by robin's reply              done     404      404      404      login
POST felt heard by missing reply              404      404      404      404      login
POST thank sam for his reply                  done     404      404      404      login
POST thank robin for her reply                done     404      404      404      login
POST thank for missing reply                  404      404      404      404      login
POST invite to partners circle                done     done     404      404      login
POST invite to friends circle                 done     404      done     404      login
POST invite to missing circle                 404      404      404      404      login
POST leave partners circle                    done     done     404      404      login
POST leave friends circle                     done     404      done     404      login
POST leave missing circle                     404      404      404      404      login
POST share to partners circle                 done     done     refused  refused  login
POST share to friends circle                  done     refused  done     refused  login
POST share to missing circle                  refused  refused  refused  refused  login
POST share from sam's check-in to partners    404      done     404      404      login
"""

MISSING = 987_654  # an id nothing has
REPLY = {"reflect": "Matrix reply: I hear it.", "validation": "It makes sense."}
THANKS = {"text": "Matrix thanks: that helped."}


Url = Callable[[Personas, Entries], str]
Effect = Callable[[Personas, Entries], bool]


@dataclass(frozen=True)
class Target:
    url: Url
    data: Callable[[Personas, Entries], dict[str, Any]] = lambda p, e: {}
    # For actions: has the action happened? Checked after every request.
    effect: Effect | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _share_made(text: str) -> Effect:
    return lambda p, e: Share.objects.filter(text=text).exists()


def _share_to(circle: str, text: str) -> Callable[[Personas, Entries], dict[str, Any]]:
    def data(p: Personas, e: Entries) -> dict[str, Any]:
        pk = MISSING if circle == "missing" else getattr(p, circle).pk
        return {"circle": pk, "text": text, "depth": "light", "wants": "just-listen"}

    return data


def _withdrawn(name: str) -> Effect:
    return lambda p, e: Share.objects.get(pk=getattr(e, name).pk).withdrawn_at is not None


def _replied(name: str) -> Effect:
    return lambda p, e: Reply.objects.filter(
        share=getattr(e, name), reflect=REPLY["reflect"]
    ).exists()


def _heard(name: str) -> Effect:
    return lambda p, e: Reply.objects.get(pk=getattr(e, name).pk).felt_heard_at is not None


def _thanked(name: str) -> Effect:
    return lambda p, e: Appreciation.objects.filter(reply=getattr(e, name)).exists()


def _invited(circle: str) -> Effect:
    return lambda p, e: Invite.objects.filter(circle=getattr(p, circle)).exists()


def _someone_left(circle: str) -> Effect:
    return lambda p, e: Membership.objects.filter(
        circle=getattr(p, circle), left_at__isnull=False
    ).exists()


def _pk(kind: str, name: str) -> Callable[[Personas, Entries], int]:
    def pk(p: Personas, e: Entries) -> int:
        if name == "missing":
            return MISSING
        return int(getattr(p if kind == "circle" else e, name).pk)

    return pk


def _url(route: str, kind: str, name: str) -> Url:
    pk = _pk(kind, name)
    return lambda p, e: reverse(route, args=[pk(p, e)])


HX = {"HX-Request": "true"}

TARGETS: dict[str, Target] = {
    "GET home": Target(lambda p, e: reverse("home")),
    "GET journal": Target(lambda p, e: reverse("journal")),
    "GET share form": Target(lambda p, e: reverse("share_new")),
    "GET circles": Target(lambda p, e: reverse("circles")),
    "GET alex's private check-in": Target(_url("checkin", "entry", "alex_private_checkin")),
    "GET sam's private check-in": Target(_url("checkin", "entry", "sam_private_checkin")),
    "GET missing check-in": Target(_url("checkin", "entry", "missing")),
    "GET alex's share to partners": Target(_url("share", "entry", "alex_share_partners")),
    "GET alex's share to friends": Target(_url("share", "entry", "alex_share_friends")),
    "GET sam's share to partners": Target(_url("share", "entry", "sam_share_partners")),
    "GET missing share": Target(_url("share", "entry", "missing")),
    "GET replies to alex's share to partners": Target(
        _url("share", "entry", "alex_share_partners"), headers=HX
    ),
    "GET replies to alex's share to friends": Target(
        _url("share", "entry", "alex_share_friends"), headers=HX
    ),
    "GET share form from alex's check-in": Target(
        lambda p, e: f"{reverse('share_new')}?checkin={e.alex_private_checkin.pk}"
    ),
    "GET share form from sam's check-in": Target(
        lambda p, e: f"{reverse('share_new')}?checkin={e.sam_private_checkin.pk}"
    ),
    "GET share form from missing check-in": Target(
        lambda p, e: f"{reverse('share_new')}?checkin={MISSING}"
    ),
    "GET thank page for sam's reply": Target(_url("reply_thank", "entry", "sam_reply")),
    "GET thank page for robin's reply": Target(_url("reply_thank", "entry", "robin_reply")),
    "GET thank page for missing reply": Target(_url("reply_thank", "entry", "missing")),
    "GET partners circle": Target(_url("circle", "circle", "partners")),
    "GET friends circle": Target(_url("circle", "circle", "friends")),
    "GET missing circle": Target(_url("circle", "circle", "missing")),
    "GET leave partners circle": Target(_url("circle_leave", "circle", "partners")),
    "GET leave friends circle": Target(_url("circle_leave", "circle", "friends")),
    "POST withdraw alex's share to partners": Target(
        _url("share_withdraw", "entry", "alex_share_partners"),
        effect=_withdrawn("alex_share_partners"),
    ),
    "POST withdraw sam's share to partners": Target(
        _url("share_withdraw", "entry", "sam_share_partners"),
        effect=_withdrawn("sam_share_partners"),
    ),
    "POST withdraw missing share": Target(
        _url("share_withdraw", "entry", "missing"),
        effect=lambda p, e: Share.objects.filter(withdrawn_at__isnull=False).exists(),
    ),
    "POST reply to alex's share to partners": Target(
        _url("share", "entry", "alex_share_partners"),
        data=lambda p, e: REPLY,
        effect=_replied("alex_share_partners"),
    ),
    "POST reply to alex's share to friends": Target(
        _url("share", "entry", "alex_share_friends"),
        data=lambda p, e: REPLY,
        effect=_replied("alex_share_friends"),
    ),
    "POST reply to sam's share to partners": Target(
        _url("share", "entry", "sam_share_partners"),
        data=lambda p, e: REPLY,
        effect=_replied("sam_share_partners"),
    ),
    "POST reply to missing share": Target(
        _url("share", "entry", "missing"),
        data=lambda p, e: REPLY,
        effect=lambda p, e: Reply.objects.filter(reflect=REPLY["reflect"]).exists(),
    ),
    "POST felt heard by sam's reply": Target(
        _url("reply_heard", "entry", "sam_reply"), effect=_heard("sam_reply")
    ),
    "POST felt heard by robin's reply": Target(
        _url("reply_heard", "entry", "robin_reply"), effect=_heard("robin_reply")
    ),
    "POST felt heard by missing reply": Target(
        _url("reply_heard", "entry", "missing"),
        effect=lambda p, e: Reply.objects.filter(felt_heard_at__isnull=False).exists(),
    ),
    "POST thank sam for his reply": Target(
        _url("reply_thank", "entry", "sam_reply"),
        data=lambda p, e: THANKS,
        effect=_thanked("sam_reply"),
    ),
    "POST thank robin for her reply": Target(
        _url("reply_thank", "entry", "robin_reply"),
        data=lambda p, e: THANKS,
        effect=_thanked("robin_reply"),
    ),
    "POST thank for missing reply": Target(
        _url("reply_thank", "entry", "missing"),
        data=lambda p, e: THANKS,
        effect=lambda p, e: Appreciation.objects.exists(),
    ),
    "POST invite to partners circle": Target(
        _url("circle_invite", "circle", "partners"), effect=_invited("partners")
    ),
    "POST invite to friends circle": Target(
        _url("circle_invite", "circle", "friends"), effect=_invited("friends")
    ),
    "POST invite to missing circle": Target(
        _url("circle_invite", "circle", "missing"), effect=lambda p, e: Invite.objects.exists()
    ),
    "POST leave partners circle": Target(
        _url("circle_leave", "circle", "partners"), effect=_someone_left("partners")
    ),
    "POST leave friends circle": Target(
        _url("circle_leave", "circle", "friends"), effect=_someone_left("friends")
    ),
    "POST leave missing circle": Target(
        _url("circle_leave", "circle", "missing"),
        effect=lambda p, e: Membership.objects.filter(left_at__isnull=False).exists(),
    ),
    "POST share to partners circle": Target(
        lambda p, e: reverse("share_new"),
        data=_share_to("partners", "Matrix share to partners"),
        effect=_share_made("Matrix share to partners"),
    ),
    "POST share to friends circle": Target(
        lambda p, e: reverse("share_new"),
        data=_share_to("friends", "Matrix share to friends"),
        effect=_share_made("Matrix share to friends"),
    ),
    "POST share to missing circle": Target(
        lambda p, e: reverse("share_new"),
        data=_share_to("missing", "Matrix share to nowhere"),
        effect=_share_made("Matrix share to nowhere"),
    ),
    "POST share from sam's check-in to partners": Target(
        lambda p, e: f"{reverse('share_new')}?checkin={e.sam_private_checkin.pk}",
        data=_share_to("partners", "Matrix share from a check-in"),
        effect=_share_made("Matrix share from a check-in"),
    ),
}


def _parse(table: str) -> list[tuple[str, str, str]]:
    lines = table.strip().splitlines()
    assert lines[0].split()[1:] == list(PERSONAS)
    cases = []
    for line in lines[1:]:
        words = line.split()
        label = " ".join(words[: -len(PERSONAS)])
        for persona, outcome in zip(PERSONAS, words[-len(PERSONAS) :], strict=True):
            cases.append((label, persona, outcome))
    return cases


CASES = _parse(ACCESS)


def test_the_table_names_every_target_exactly_once() -> None:
    labels = [label for label, persona, _outcome in CASES if persona == "alex"]
    assert sorted(labels) == sorted(TARGETS)


def not_found_page(client: Client) -> bytes:
    """What a made-up address looks like: the yardstick for every hidden thing."""
    response = client.get(reverse("checkin", args=[MISSING]))
    assert response.status_code == 404
    return response.content


def request(people: Personas, entries: Entries, label: str, persona: str) -> Any:
    target = TARGETS[label]
    client = people.client(persona)
    method = label.split()[0].lower()
    url = target.url(people, entries)
    send = client.get if method == "get" else client.post
    return send(url, target.data(people, entries), headers=target.headers)


@pytest.mark.parametrize(
    ("label", "persona", "outcome"),
    CASES,
    ids=[f"{persona} | {label} | {outcome}" for label, persona, outcome in CASES],
)
def test_each_persona_reaches_exactly_what_the_table_says(
    people: Personas, entries: Entries, label: str, persona: str, outcome: str
) -> None:
    target = TARGETS[label]
    response = request(people, entries, label, persona)

    if outcome == "ok":
        assert response.status_code == 200
    elif outcome == "welcome":
        assert response.status_code == 200
        assert "A quiet place to practise closeness" in html.unescape(response.content.decode())
    elif outcome == "done":
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login"))
    elif outcome == "404":
        assert response.status_code == 404
        assert response.content == not_found_page(people.client(persona))
    elif outcome == "403":
        assert response.status_code == 403
    elif outcome == "refused":
        assert response.status_code == 200
    elif outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:  # pragma: no cover - a typo in the table
        pytest.fail(f"unknown outcome {outcome!r}")

    if target.effect is not None:
        assert target.effect(people, entries) is (outcome == "done")


# --- What must never show up on someone else's pages ------------------------------------------

ALEX_PRIVATE = "Alex's private note"
SAM_PRIVATE = "Sam's private note"
ALEX_TO_PARTNERS = "Alex to partners: work is heavy this week"
ALEX_TO_FRIENDS = "Alex to friends: nervous about the climb"
SAM_TO_PARTNERS = "Sam to partners: I loved Sunday"
SAM_REPLY = "Sam hears: it's heavy"
ROBIN_REPLY = "Robin: makes sense to be nervous"
PARTNERS_NAME = "Alex & Sam"
FRIENDS_NAME = "Climbing friends"

NEVER_SHOWN_TO = {
    "alex": [SAM_PRIVATE],
    "sam": [ALEX_PRIVATE, ALEX_TO_FRIENDS, ROBIN_REPLY, FRIENDS_NAME],
    "robin": [
        ALEX_PRIVATE,
        SAM_PRIVATE,
        ALEX_TO_PARTNERS,
        SAM_TO_PARTNERS,
        SAM_REPLY,
        PARTNERS_NAME,
    ],
    "olive": [
        ALEX_PRIVATE,
        SAM_PRIVATE,
        ALEX_TO_PARTNERS,
        ALEX_TO_FRIENDS,
        SAM_TO_PARTNERS,
        SAM_REPLY,
        ROBIN_REPLY,
        PARTNERS_NAME,
        FRIENDS_NAME,
    ],
    "anonymous": [
        ALEX_PRIVATE,
        SAM_PRIVATE,
        ALEX_TO_PARTNERS,
        ALEX_TO_FRIENDS,
        SAM_TO_PARTNERS,
        SAM_REPLY,
        ROBIN_REPLY,
        PARTNERS_NAME,
        FRIENDS_NAME,
    ],
}

# And what each persona does see somewhere, so the check above cannot pass on empty pages.
SHOWN_TO = {
    "alex": [ALEX_PRIVATE, ALEX_TO_PARTNERS, ALEX_TO_FRIENDS, SAM_TO_PARTNERS, SAM_REPLY],
    "sam": [SAM_PRIVATE, ALEX_TO_PARTNERS, SAM_TO_PARTNERS, SAM_REPLY, PARTNERS_NAME],
    "robin": [ALEX_TO_FRIENDS, ROBIN_REPLY, FRIENDS_NAME],
    "olive": [],
    "anonymous": [],
}

# Every page a persona can open, plus a few guesses that open a page without being allowed in.
EXTRA_PAGES: dict[str, Url] = {
    "share form aimed at the friends circle": lambda p, e: (
        f"{reverse('share_new')}?circle={p.friends.pk}"
    ),
    "share form aimed at the partners circle": lambda p, e: (
        f"{reverse('share_new')}?circle={p.partners.pk}"
    ),
    "journal searching for private words": lambda p, e: f"{reverse('journal')}?q=private",
    "journal searching for anxious entries": lambda p, e: f"{reverse('journal')}?feeling=anxious",
}


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def open_pages(people: Personas, entries: Entries, persona: str) -> dict[str, str]:
    """Every page the table lets `persona` open, rendered."""
    pages = {}
    for label, who, outcome in CASES:
        if who == persona and label.startswith("GET") and outcome in ("ok", "welcome"):
            pages[label] = text_of(request(people, entries, label, persona))
    client = people.client(persona)
    for label, url in EXTRA_PAGES.items():
        response = client.get(url(people, entries), follow=True)
        pages[label] = text_of(response)
    return pages


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_shows_anyone_elses_private_words(
    people: Personas, entries: Entries, persona: str
) -> None:
    pages = open_pages(people, entries, persona)
    for label, page in pages.items():
        for secret in NEVER_SHOWN_TO[persona]:
            assert secret not in page, f"{secret!r} shown to {persona} on {label}"
    everything = "\n".join(pages.values())
    for words in SHOWN_TO[persona]:
        assert words in everything


_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


def _without_tokens(page: str) -> str:
    return _CSRF.sub(r'\1"', page)


def _write_a_lot_privately(people: Personas) -> None:
    """Things nobody but Alex may see, or count."""
    for i in range(7):
        CheckIn.objects.create(author=people.alex, mood=1, note=f"Alex again {i}")
        Share.objects.create(author=people.alex, circle=None, text=f"Alex kept to self {i}")
        Share.objects.create(
            author=people.alex,
            circle=people.partners,
            text=f"Alex took this back {i}",
            withdrawn_at=timezone.now(),
        )


@pytest.mark.parametrize("persona", ["sam", "robin", "olive", "anonymous"])
def test_writing_privately_changes_nothing_on_other_peoples_pages(
    people: Personas, entries: Entries, persona: str
) -> None:
    before = {k: _without_tokens(v) for k, v in open_pages(people, entries, persona).items()}
    _write_a_lot_privately(people)
    after = {k: _without_tokens(v) for k, v in open_pages(people, entries, persona).items()}
    assert after == before


def test_sharing_with_friends_changes_nothing_on_the_partners_pages(
    people: Personas, entries: Entries
) -> None:
    before = {k: _without_tokens(v) for k, v in open_pages(people, entries, "sam").items()}
    for i in range(4):
        share = Share.objects.create(author=people.alex, circle=people.friends, text=f"f{i}")
        Reply.objects.create(share=share, author=people.robin, reflect=f"r{i}")
    after = {k: _without_tokens(v) for k, v in open_pages(people, entries, "sam").items()}
    assert after == before


# --- Withdrawing --------------------------------------------------------------------------------


def test_a_withdrawn_share_and_its_replies_vanish_for_everyone_but_the_author(
    people: Personas, entries: Entries
) -> None:
    share = entries.alex_share_partners
    response = people.client("alex").post(reverse("share_withdraw", args=[share.pk]))
    assert response.status_code == 302

    for persona in ("sam", "robin", "olive"):
        client = people.client(persona)
        assert client.get(reverse("share", args=[share.pk])).status_code == 404
        assert client.get(reverse("share", args=[share.pk]), headers=HX).status_code == 404
        for page in open_pages(people, entries, persona).values():
            assert ALEX_TO_PARTNERS not in page
            assert SAM_REPLY not in page

    alex_sees = text_of(people.client("alex").get(reverse("share", args=[share.pk])))
    assert ALEX_TO_PARTNERS in alex_sees
    assert SAM_REPLY in alex_sees
    assert "Withdrawn — only you can see this" in alex_sees


def test_nobody_can_reply_to_a_withdrawn_share(people: Personas, entries: Entries) -> None:
    share = entries.alex_share_partners
    people.client("alex").post(reverse("share_withdraw", args=[share.pk]))

    response = people.client("sam").post(reverse("share", args=[share.pk]), REPLY)

    assert response.status_code == 404
    assert not Reply.objects.filter(reflect=REPLY["reflect"]).exists()


# --- Leaving ------------------------------------------------------------------------------------


def test_after_sam_leaves_the_partners_circle_access_ends_both_ways(
    people: Personas, entries: Entries
) -> None:
    response = people.client("sam").post(reverse("circle_leave", args=[people.partners.pk]))
    assert response.status_code == 302

    sam, alex = people.client("sam"), people.client("alex")
    assert sam.get(reverse("share", args=[entries.alex_share_partners.pk])).status_code == 404
    assert sam.get(reverse("circle", args=[people.partners.pk])).status_code == 404
    assert alex.get(reverse("share", args=[entries.sam_share_partners.pk])).status_code == 404
    # Sam's reply leaves with Sam, and can no longer be marked as heard or thanked.
    alex_sees = text_of(alex.get(reverse("share", args=[entries.alex_share_partners.pk])))
    assert SAM_REPLY not in alex_sees
    assert alex.post(reverse("reply_heard", args=[entries.sam_reply.pk])).status_code == 404
    assert alex.get(reverse("reply_thank", args=[entries.sam_reply.pk])).status_code == 404
    for page in open_pages(people, entries, "sam").values():
        assert ALEX_TO_PARTNERS not in page
    for page in open_pages(people, entries, "alex").values():
        assert SAM_TO_PARTNERS not in page
        assert SAM_REPLY not in page


def test_after_leaving_sam_still_has_his_own_share(people: Personas, entries: Entries) -> None:
    people.client("sam").post(reverse("circle_leave", args=[people.partners.pk]))

    response = people.client("sam").get(reverse("share", args=[entries.sam_share_partners.pk]))

    assert response.status_code == 200
    assert SAM_TO_PARTNERS in text_of(response)


def test_rejoining_the_circle_is_a_fresh_start(people: Personas, entries: Entries) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        people.client("sam").post(reverse("circle_leave", args=[people.partners.pk]))
        _invite, token = Invite.issue(people.partners, people.alex)
    with time_machine.travel(CURRENT_TIME + timedelta(days=2), tick=False):
        accept_invite(people.sam, token)
        Share.objects.create(author=people.alex, circle=people.partners, text="Welcome back")
        sam = people.client("sam")

        assert sam.get(reverse("share", args=[entries.alex_share_partners.pk])).status_code == 404
        assert sam.get(reverse("circle", args=[people.partners.pk])).status_code == 200
        for page in open_pages(people, entries, "sam").values():
            assert ALEX_TO_PARTNERS not in page
        assert "Welcome back" in text_of(sam.get(reverse("home")))


def test_a_newcomer_sees_only_what_was_shared_after_they_joined(
    people: Personas, entries: Entries
) -> None:
    with time_machine.travel(CURRENT_TIME + timedelta(days=1), tick=False):
        _invite, token = Invite.issue(people.friends, people.alex)
        accept_invite(people.olive, token)
        Share.objects.create(author=people.alex, circle=people.friends, text="Hello, Olive")
        olive = people.client("olive")

        assert olive.get(reverse("share", args=[entries.alex_share_friends.pk])).status_code == 404
        page = text_of(olive.get(reverse("circle", args=[people.friends.pk])))
        assert "Hello, Olive" in page
        assert ALEX_TO_FRIENDS not in page
        assert ROBIN_REPLY not in page


@pytest.mark.parametrize("guess", ["abc", "1.5", "-", "1e3", "%201"])
def test_guessing_a_check_in_that_is_not_a_number_is_a_plain_404(
    people: Personas, entries: Entries, guess: str
) -> None:
    client = people.client("sam")
    client.raise_request_exception = False

    response = client.get(f"{reverse('share_new')}?checkin={guess}")

    assert response.status_code == 404
    assert response.content == not_found_page(client)


# --- Wrong methods ------------------------------------------------------------------------------

WRONG_METHOD: list[tuple[str, str, Url]] = [
    ("post", "home", lambda p, e: reverse("home")),
    ("post", "journal", lambda p, e: reverse("journal")),
    ("put", "share form", lambda p, e: reverse("share_new")),
    ("post", "check-in", _url("checkin", "entry", "alex_private_checkin")),
    ("put", "share", _url("share", "entry", "alex_share_partners")),
    ("get", "withdraw", _url("share_withdraw", "entry", "alex_share_partners")),
    ("get", "felt heard", _url("reply_heard", "entry", "sam_reply")),
    ("put", "thank", _url("reply_thank", "entry", "sam_reply")),
    ("post", "circle", _url("circle", "circle", "partners")),
    ("get", "invite", _url("circle_invite", "circle", "partners")),
    ("put", "leave", _url("circle_leave", "circle", "partners")),
]


@pytest.mark.parametrize(
    ("method", "url"),
    [(method, url) for method, _name, url in WRONG_METHOD],
    ids=[f"{method.upper()} {name}" for method, name, _url in WRONG_METHOD],
)
@pytest.mark.parametrize("persona", ["alex", "olive"])
def test_a_wrong_method_is_refused_and_reveals_nothing(
    people: Personas, entries: Entries, persona: str, method: str, url: Url
) -> None:
    response = getattr(people.client(persona), method)(url(people, entries))

    assert response.status_code == 405
    assert ALEX_PRIVATE not in text_of(response)
    assert ALEX_TO_PARTNERS not in text_of(response)
