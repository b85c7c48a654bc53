from django.urls import path

from .feeds import PodcastFeed

urlpatterns = [
    path("narration/podcast.xml", PodcastFeed(), name="narration_podcast"),
]
