"""Cooperation pages (appended to `web.urls` like the motion pages)."""

from django.urls import path

from vanort.web.cooperation import views

urlpatterns = [
    path("samarbete/behov/", views.need_list, name="need_list"),
    path("samarbete/behov/nytt/", views.need_create, name="need_create"),
    path("samarbete/behov/<int:pk>/", views.need_detail, name="need_detail"),
    path("samarbete/behov/<int:pk>/aterta/", views.need_withdraw, name="need_withdraw"),
    path("samarbete/erbjudanden/", views.offer_list, name="offer_list"),
    path("samarbete/erbjudanden/nytt/", views.offer_create, name="offer_create"),
    path("samarbete/erbjudanden/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("samarbete/erbjudanden/<int:pk>/aterta/", views.offer_withdraw, name="offer_withdraw"),
    path("samarbete/matchningar/", views.match_list, name="match_list"),
    path("samarbete/matchningar/berakna/", views.match_recompute, name="match_recompute"),
    path("samarbete/matchningar/<int:pk>/acceptera/", views.match_decide, {"decision": "accept"}, name="match_accept"),
    path("samarbete/matchningar/<int:pk>/avboj/", views.match_decide, {"decision": "reject"}, name="match_reject"),
    path("samarbete/initiativ/", views.initiative_list, name="initiative_list"),
    path("samarbete/initiativ/nytt/", views.initiative_create, name="initiative_create"),
    path("samarbete/initiativ/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("samarbete/initiativ/<int:pk>/lage/", views.initiative_transition, name="initiative_transition"),
    path("samarbete/initiativ/<int:pk>/insatser/ny/", views.contribution_create, name="contribution_create"),
    path("samarbete/initiativ/<int:pk>/studiebesok/nytt/", views.visit_create, name="visit_create"),
    path("samarbete/insatser/<int:pk>/besluta/", views.contribution_approve, name="contribution_approve"),
    path("samarbete/villkor/<int:pk>/", views.condition_toggle, name="condition_toggle"),
    path("samarbete/notiser/", views.notifications, name="notifications"),
]
