from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from hearthside.accounts import views as account_views
from hearthside.api.routes import api
from hearthside.circles import views as circle_views
from hearthside.practice import coach_views, thanks_views
from hearthside.practice import views as practice_views

urlpatterns = [
    path("", practice_views.home, name="home"),
    path("checkin/", practice_views.checkin_new, name="checkin_new"),
    path("checkins/<int:pk>/", practice_views.checkin_detail, name="checkin"),
    path("share/", practice_views.share_new, name="share_new"),
    path("shares/<int:pk>/", practice_views.share_detail, name="share"),
    path("shares/<int:pk>/withdraw/", practice_views.share_withdraw, name="share_withdraw"),
    path("replies/<int:pk>/heard/", practice_views.reply_heard, name="reply_heard"),
    path("replies/<int:pk>/thank/", practice_views.reply_thank, name="reply_thank"),
    path("journal/", practice_views.journal, name="journal"),
    path("coach/notes", coach_views.notes, name="coach_notes"),
    path("circles/", circle_views.circle_list, name="circles"),
    path("circles/<int:pk>/", circle_views.circle_detail, name="circle"),
    path("circles/<int:pk>/invite/", circle_views.create_invite, name="circle_invite"),
    path("circles/<int:pk>/leave/", circle_views.leave, name="circle_leave"),
    path("invite/<str:token>/", circle_views.invite, name="invite"),
    path("settings/", account_views.settings_page, name="settings"),
    path("settings/tokens/<int:pk>/revoke/", account_views.revoke_token, name="token_revoke"),
    path("quick-exit/", account_views.quick_exit, name="quick_exit"),
    path("safety/", TemplateView.as_view(template_name="safety.html"), name="safety"),
    path("", include("hearthside.repair.urls")),
    path("", include("hearthside.rituals.urls")),
    path("", include("hearthside.notify.urls")),
    path("", include("hearthside.needs.urls")),
    path("", include("hearthside.boundaries.urls")),
    path("", include("hearthside.values.urls")),
    path("", include("hearthside.stress.urls")),
    path("", include("hearthside.calm.urls")),
    path("", include("hearthside.pacing.urls")),
    path("", include("hearthside.insights.urls")),
    path("", include("hearthside.summary.urls")),
    path("", include("hearthside.data.urls")),
    path("practices/", TemplateView.as_view(template_name="practices.html"), name="practices"),
    path("thanks/", thanks_views.index, name="thanks"),
    path("thanks/new/", thanks_views.new, name="thanks_new"),
    path("thanks/<int:pk>/favourite/", thanks_views.favourite, name="thanks_favourite"),
    path("thanks/<int:pk>/take-back/", thanks_views.take_back, name="thanks_take_back"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
