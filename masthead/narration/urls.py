from django.urls import path

from . import listens
from .feeds import PodcastFeed

app_name = "narration"

urlpatterns = [
    path("narration/podcast.xml", PodcastFeed(), name="podcast"),
    path("narration/listen/", listens.beacon, name="listen"),
]
