"""Repair URLs. Each view module is one part of the flow:
pause.py (agreements, pauses), rupture.py (opening a rupture, reflections,
the guided conversation, history), plan.py (plan, commitments, follow-through, closure, drafts).
The calming tools a pause offers are the toolkit's (hearthside.calm), opened with ?pause=<id>.
"""

from __future__ import annotations

from django.urls import path

from hearthside.repair.views import pause, plan, rupture

urlpatterns = [
    # pause.py
    path("circles/<int:pk>/agreement/", pause.agreement, name="repair_agreement"),
    path("circles/<int:pk>/pause/", pause.start_pause, name="pause_start"),
    path("pauses/<int:pk>/", pause.pause_detail, name="pause"),
    path("pauses/<int:pk>/back/", pause.come_back, name="pause_back"),
    # rupture.py
    path("ruptures/", rupture.history, name="ruptures"),
    path("ruptures/new/", rupture.open_rupture, name="rupture_new"),
    path("ruptures/apology-check/", rupture.apology_check, name="apology_check"),
    path("ruptures/<int:pk>/", rupture.rupture_detail, name="rupture"),
    path("ruptures/<int:pk>/reflection/", rupture.reflection, name="rupture_reflection"),
    path("ruptures/<int:pk>/steps/<str:step>/", rupture.step, name="rupture_step"),
    # plan.py
    path("ruptures/<int:pk>/plan/", plan.plan, name="rupture_plan"),
    path("ruptures/<int:pk>/commitments/", plan.add_commitment, name="rupture_commit"),
    path("commitments/<int:pk>/follow-up/", plan.follow_up, name="commitment_follow_up"),
    path("ruptures/<int:pk>/close/", plan.close, name="rupture_close"),
    path("drafts/<str:key>/", plan.save_draft, name="draft_save"),
]
