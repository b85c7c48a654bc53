from django.urls import include, path

from . import archive, outbox, views, webhooks

app_name = "newsletters"

urlpatterns = [
    path("newsletters/", views.index, name="index"),
    path("newsletters/subscribe/", views.subscribe_many, name="subscribe_many"),
    path("newsletters/confirm/resend/", views.resend_confirmation, name="resend_confirmation"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletters/preferences/", views.preferences_request, name="preferences_request"),
    path("newsletters/preferences/<str:token>/", views.preferences, name="preferences"),
    path("newsletters/preferences/<str:token>/new-link/", views.preferences_send_link, name="preferences_send_link"),
    path("newsletters/preferences/<str:token>/data.json", views.preferences_data, name="preferences_data"),
    path("newsletters/preferences/<str:token>/delete/", views.preferences_delete, name="preferences_delete"),
    # Counted links and the optional open image in editions (tracking.py).
    path("newsletters/c/<str:token>/", views.click, name="click"),
    path("newsletters/editions/<int:pk>/<str:token>/", archive.edition_web, name="edition_web"),
    path("newsletters/o/<str:token>.gif", views.opened, name="open"),
    # Bounce, complaint and inbound-mail webhooks of the configured email service (django-anymail, guarded).
    path("newsletters/esp/", include((webhooks.urlpatterns, "anymail"))),
    path("newsletters/<slug:slug>/subscribe/", views.subscribe, name="subscribe"),
    path("newsletters/<slug:slug>/editions/", archive.past_editions, name="past_editions"),
    path("newsletters/<slug:slug>/editions/rss/", archive.PastEditionsFeed(), name="past_editions_feed"),
    # Development only: the views answer 404 unless settings.MASTHEAD_SHOW_OUTBOX is true.
    path("outbox/", outbox.outbox_index, name="outbox"),
    path("outbox/<str:name>/<int:index>/", outbox.outbox_message, name="outbox_message"),
    path("outbox/<str:name>/<int:index>/html/", outbox.outbox_message_html, name="outbox_message_html"),
]
