from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("authors/", views.contributor_index, name="contributor_index"),
    path("authors/<str:slug>/", views.contributor_page, name="contributor"),
    path("corrections/", views.corrections, name="corrections"),
]
