from django.urls import path

from . import views
from .feeds import NewsFeedRSS

app_name = "livefeed"

urlpatterns = [
    path("news-feed/", views.news_feed, name="feed"),
    path("news-feed/updates.json", views.updates_json, name="updates"),
    path("news-feed/rss/", NewsFeedRSS(), name="rss"),
    path("news-feed/<int:pk>-<str:slug>/", views.news_item, name="item"),
]
