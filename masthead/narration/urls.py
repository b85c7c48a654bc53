from django.urls import path

from .feeds import PodcastFeed

app_name = "narration"

urlpatterns = [
    path("narration/podcast.xml", PodcastFeed(), name="podcast"),
]
