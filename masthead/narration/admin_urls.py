from django.urls import path

from . import views

app_name = "narration_admin"
urlpatterns = [
    path("", views.index, name="index"),
    path("<id:article_id>/", views.detail, name="detail"),
    path("<id:article_id>/regenerate/", views.regenerate, name="regenerate"),
    path("lexicon/sample/", views.lexicon_sample, name="lexicon_sample"),
    path("listening.csv", views.listens_csv, name="listens_csv"),
]
